-- The problem ticket desk. Model and flows: docs/tickets.md.

create table ticket_unit (
    code          varchar(30)  primary key,
    kind          varchar(15)  not null check (kind in ('DISTRICT_GROUP', 'DEPARTMENT', 'COMMAND_CENTER')),
    district_code varchar(12) references geo_district (code),
    department    varchar(30),
    name_zh       varchar(100) not null,
    name_en       varchar(100) not null,
    head_name     varchar(100) not null,
    head_email    varchar(200)
);
insert into ticket_unit (code, kind, department, name_zh, name_en, head_name) values
    ('CITY', 'COMMAND_CENTER', null, '市复工指挥部', 'City command center', '指挥部常务副总指挥'),
    ('DEPT-LABOUR', 'DEPARTMENT', 'LABOUR', '市人力社保局', 'Human Resources and Social Security Bureau', '局长'),
    ('DEPT-TRANSPORT', 'DEPARTMENT', 'TRANSPORT', '市交通运输局', 'Transport Bureau', '局长'),
    ('DEPT-ECONOMY', 'DEPARTMENT', 'ECONOMY', '市经济和信息化局', 'Economy and Information Technology Bureau', '局长'),
    ('DEPT-HEALTH', 'DEPARTMENT', 'HEALTH', '市卫生健康委', 'Health Commission', '主任'),
    ('DEPT-COMMERCE', 'DEPARTMENT', 'COMMERCE', '市商务局', 'Commerce Bureau', '局长'),
    ('DEPT-FINANCE', 'DEPARTMENT', 'FINANCE', '市财政局', 'Finance Bureau', '局长'),
    ('DEPT-MARKET', 'DEPARTMENT', 'MARKET', '市市场监管局', 'Market Regulation Bureau', '局长');
-- The districts' service groups are made when the application starts (TicketUnits), once the city's
-- districts are loaded.

create table ticket_route (
    id            bigint generated always as identity primary key,
    category      varchar(20) not null,
    district_code varchar(12) references geo_district (code),
    unit_code     varchar(30) not null references ticket_unit (code)
);
create unique index ticket_route_rule_idx on ticket_route (category, coalesce(district_code, ''));
-- Where a category goes when no district-specific rule says otherwise; 'DISTRICT' means the
-- ticket's own district service group.
create table ticket_route_default (
    category  varchar(20) primary key,
    unit_code varchar(30) not null
);
insert into ticket_route_default (category, unit_code) values
    ('LABOUR', 'DEPT-LABOUR'), ('LOGISTICS', 'DEPT-TRANSPORT'), ('MATERIALS', 'DEPT-ECONOMY'),
    ('PREVENTION', 'DEPT-HEALTH'), ('FINANCE', 'DEPT-FINANCE'), ('POLICY', 'DISTRICT'), ('OTHER', 'DISTRICT');

create table ticket_sla_policy (
    id                         bigint generated always as identity primary key,
    category                   varchar(20),
    priority                   varchar(10),
    first_response_minutes     int     not null check (first_response_minutes > 0),
    solve_by_end_of_day        boolean not null,
    solution_minutes           int     not null check (solution_minutes > 0),
    difficult_solution_minutes int     not null check (difficult_solution_minutes > 0),
    warning_percent            int     not null check (warning_percent between 1 and 99),
    supervision_after_minutes  int     not null check (supervision_after_minutes > 0)
);
create unique index ticket_sla_policy_rule_idx on ticket_sla_policy (coalesce(category, ''), coalesce(priority, ''));
-- Respond within 2 hours, solve the same day (at least 4 hours when filed late), difficult: 2 days;
-- warn at 80 %; supervision a day after the breach. Urgent: 30 minutes and 4 hours.
insert into ticket_sla_policy (category, priority, first_response_minutes, solve_by_end_of_day, solution_minutes,
                               difficult_solution_minutes, warning_percent, supervision_after_minutes) values
    (null, null, 120, true, 240, 2880, 80, 1440),
    (null, 'URGENT', 30, false, 240, 1440, 75, 480);

create table ticket (
    id                  uuid primary key,
    number              bigint generated always as identity unique,
    enterprise_id       uuid         not null references enterprise (id),
    district_code       varchar(12)  not null references geo_district (code),
    category            varchar(20)  not null check (category in ('LABOUR', 'LOGISTICS', 'MATERIALS', 'PREVENTION',
                                                                  'FINANCE', 'POLICY', 'OTHER')),
    priority            varchar(10)  not null check (priority in ('NORMAL', 'URGENT')),
    channel             varchar(10)  not null check (channel in ('ONLINE', 'HOTLINE', 'VISIT', 'API')),
    title               varchar(200) not null,
    description         text         not null,
    description_bigrams text[]       generated always as (enterprise_name_bigrams(title || description)) stored,
    status              varchar(25)  not null check (status in ('NEW', 'IN_PROGRESS', 'WAITING_FOR_ENTERPRISE',
                                                                'RESOLVED', 'CONFIRMED', 'CLOSED')),
    unit_code           varchar(30)  not null references ticket_unit (code),
    difficult           boolean      not null default false,
    filed_by            varchar(100) not null,
    filed_at            timestamptz  not null,
    sla_policy_id       bigint       not null references ticket_sla_policy (id),
    sla_started_at      timestamptz  not null,
    first_response_due  timestamptz  not null,
    first_responded_at  timestamptz,
    first_response_late boolean      not null default false,
    solution_due        timestamptz  not null,
    warning_at          timestamptz  not null,
    paused_at           timestamptz,
    paused_seconds      bigint       not null default 0,
    escalation_level    int          not null default 0 check (escalation_level between 0 and 3),
    escalated           boolean      not null default false,
    next_escalation_at  timestamptz,
    resolution          text,
    resolved_at         timestamptz,
    resolved_late       boolean,
    satisfied           boolean,
    closed_at           timestamptz,
    common_issue_id     uuid,
    updated_at          timestamptz  not null,
    version             bigint       not null default 0
);
-- The sweep's index: only tickets with something still to happen.
create index ticket_next_escalation_idx on ticket (next_escalation_at) where next_escalation_at is not null;
create index ticket_unit_queue_idx on ticket (unit_code, status, solution_due) where status not in ('CLOSED');
create index ticket_district_idx on ticket (district_code, filed_at);
create index ticket_enterprise_idx on ticket (enterprise_id, filed_at);
create index ticket_escalated_idx on ticket (solution_due) where escalated and status not in ('RESOLVED', 'CONFIRMED', 'CLOSED');
create index ticket_bigrams_idx on ticket using gin (description_bigrams);

create table ticket_event (
    id          bigint generated always as identity primary key,
    ticket_id   uuid         not null references ticket (id),
    at          timestamptz  not null,
    actor_name  varchar(100) not null,
    kind        varchar(30)  not null,
    unit_code   varchar(30),
    from_status varchar(25),
    to_status   varchar(25),
    text        text
);
create index ticket_event_ticket_idx on ticket_event (ticket_id, id);
create index ticket_event_kind_idx on ticket_event (kind, unit_code, at);

create table notification (
    id             bigint generated always as identity primary key,
    recipient_kind varchar(10)  not null check (recipient_kind in ('USER', 'UNIT', 'ENTERPRISE')),
    recipient      varchar(60)  not null,
    ticket_id      uuid references ticket (id),
    kind           varchar(30)  not null,
    text           text         not null,
    created_at     timestamptz  not null,
    read_at        timestamptz
);
create index notification_recipient_idx on notification (recipient_kind, recipient, created_at desc);
