-- Return-to-work applications (复工申请): the checklist they answer, the policy matrix that
-- decides them first, the applications with their status history. Model: docs/applications.md.

-- The enterprise's contact for officials (a business line, not a person's private data).
alter table enterprise
    add column contact_name  varchar(100),
    add column contact_phone varchar(20);

-- Prevention measures an application answers; city officials edit the list.
create table resumption_checklist_item (
    code     varchar(40)  primary key check (code ~ '^[A-Z][A-Z0-9_]*$'),
    label_zh varchar(200) not null,
    label_en varchar(200) not null,
    kind     varchar(10)  not null check (kind in ('YES_NO', 'DAYS')),
    minimum  int check (minimum >= 0),
    position int          not null,
    active   boolean      not null default true,
    version  bigint       not null default 0
);
insert into resumption_checklist_item (code, label_zh, label_en, kind, minimum, position) values
    ('ISOLATION_ROOM', '设置临时隔离观察室', 'A temporary isolation room', 'YES_NO', null, 1),
    ('TEMPERATURE_CHECKS', '进出人员每日测温登记', 'Temperature checks at the gate, twice a day, recorded', 'YES_NO', null, 2),
    ('STAGGERED_CANTEEN', '食堂错峰分餐', 'Staggered canteen hours, meals served apart', 'YES_NO', null, 3),
    ('MASK_STOCK_DAYS', '口罩储备（天）', 'Mask stock (days)', 'DAYS', 7, 4),
    ('DISINFECTION_PLAN', '场所消毒方案', 'A disinfection plan for the premises', 'YES_NO', null, 5);

-- The policy matrix: district colour × policy category → what happens to an application on filing.
create table resumption_policy (
    colour   varchar(10) not null check (colour in ('GREEN', 'BLUE', 'YELLOW', 'ORANGE', 'RED')),
    category varchar(20) not null,
    decision varchar(12) not null check (decision in ('AUTO_APPROVE', 'REVIEW', 'HOLD')),
    primary key (colour, category)
);
insert into resumption_policy (colour, category, decision)
select c.colour, k.category,
       case
           when k.category in ('MEDICAL_SUPPLIES', 'UTILITIES') then case when c.colour = 'RED' then 'REVIEW' else 'AUTO_APPROVE' end
           when k.category = 'FOOD' then case when c.colour in ('GREEN', 'BLUE', 'YELLOW') then 'AUTO_APPROVE' else 'REVIEW' end
           when k.category = 'SMALL_SHOP' then case when c.colour in ('GREEN', 'BLUE', 'YELLOW') then 'AUTO_APPROVE'
                                                    when c.colour = 'ORANGE' then 'REVIEW' else 'HOLD' end
           when k.category = 'CONSTRUCTION' then case when c.colour in ('ORANGE', 'RED') then 'HOLD' else 'REVIEW' end
           else case when c.colour = 'RED' then 'HOLD' else 'REVIEW' end
       end
from (values ('GREEN'), ('BLUE'), ('YELLOW'), ('ORANGE'), ('RED')) c(colour),
     (values ('SMALL_SHOP'), ('MEDICAL_SUPPLIES'), ('UTILITIES'), ('FOOD'), ('LOGISTICS'), ('EXPORTER'),
             ('CONSTRUCTION'), ('GENERAL')) k(category);

create table resumption_application (
    id                    uuid primary key,
    enterprise_id         uuid        not null references enterprise (id),
    district_code         varchar(12) not null references geo_district (code),
    -- The enterprise's latest application: the one its figures count.
    current               boolean     not null default true,
    status                varchar(24) not null check (status in ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'APPROVED',
                                                                 'RETURNED_FOR_REVISION', 'REJECTED', 'RESUMED', 'SUSPENDED')),
    planned_date          date,
    staff_local           int check (staff_local >= 0),
    staff_other_provinces int check (staff_other_provinces >= 0),
    staff_risk_areas      int check (staff_risk_areas >= 0),
    measures              jsonb       not null default '{}',
    commitment_name       varchar(100),
    commitment_at         timestamptz,
    policy_decision       varchar(12) check (policy_decision in ('AUTO_APPROVE', 'REVIEW', 'HOLD')),
    policy_colour         varchar(10),
    policy_category       varchar(20),
    verdicts              jsonb       not null default '{}',
    remark                text,
    reviewer              varchar(100),
    flagged               boolean     not null default false,
    flag_reason           text,
    submitted_at          timestamptz,
    decided_at            timestamptz,
    valid_from            date,
    valid_until           date,
    resumed_at            timestamptz,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    version               bigint      not null default 0
);
create unique index resumption_application_current_idx on resumption_application (enterprise_id) where current;
create index resumption_application_enterprise_idx on resumption_application (enterprise_id, created_at);
-- The review queue, oldest first, per district and for the city.
create index resumption_application_queue_idx on resumption_application (district_code, submitted_at, id)
    where status in ('SUBMITTED', 'IN_REVIEW');
create index resumption_application_city_queue_idx on resumption_application (submitted_at, id)
    where status in ('SUBMITTED', 'IN_REVIEW');
create index resumption_application_flagged_idx on resumption_application (district_code, submitted_at, id)
    where flagged;
-- Re-evaluation after a colour change finds a district's pending and approved applications.
create index resumption_application_district_status_idx on resumption_application (district_code, status);

-- Every step of an application, for its history.
create table resumption_application_step (
    id             bigserial primary key,
    application_id uuid         not null references resumption_application (id),
    at             timestamptz  not null,
    actor_name     varchar(100) not null,
    action         varchar(30)  not null,
    from_status    varchar(24),
    to_status      varchar(24)  not null,
    remark         text
);
create index resumption_application_step_idx on resumption_application_step (application_id, id);
