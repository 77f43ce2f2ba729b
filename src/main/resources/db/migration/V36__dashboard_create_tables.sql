-- The index and the command center. Model: docs/dashboard.md.
create table dashboard_meter (
    enterprise_id   uuid primary key,
    account_no      varchar(40) unique,
    district_code   varchar(12) not null,
    categories      text[]      not null default '{}',
    baseline_kwh    numeric(14, 2) check (baseline_kwh > 0),
    baseline_source varchar(80),
    updated_at      timestamptz not null
);
create index dashboard_meter_district_idx on dashboard_meter (district_code);

create table dashboard_electricity (
    enterprise_id uuid           not null references dashboard_meter (enterprise_id),
    day           date           not null,
    kwh           numeric(14, 2) not null check (kwh >= 0),
    imported_at   timestamptz    not null,
    primary key (day, enterprise_id)
);
create index dashboard_electricity_enterprise_idx on dashboard_electricity (enterprise_id, day);

create table dashboard_index_rules (
    version       int primary key,
    effective_from date        not null,
    shown_preset  varchar(20)  not null check (shown_preset in ('STATE_GRID', 'FUGONG')),
    weights       jsonb        not null,
    threshold     numeric(4, 3) not null check (threshold > 0 and threshold <= 1),
    brief_at      time         not null,
    created_at    timestamptz  not null,
    created_by    varchar(100) not null
);
insert into dashboard_index_rules values (1, '2020-01-01', 'STATE_GRID',
    '{"RESUMED": 0.3, "PRODUCTION": 0.2, "STAFF": 0.2, "ARRIVALS": 0.1, "PROBLEMS": 0.1, "GREEN": 0.1}',
    0.30, '18:00', now(), 'system');

create table dashboard_snapshot (
    day           date         not null,
    district_code varchar(12)  not null,
    category      varchar(20)  not null,
    parts         jsonb        not null,
    state_grid    numeric(6, 2),
    fugong        numeric(6, 2),
    rules_version int          not null,
    colour        varchar(10),
    made_at       timestamptz  not null,
    primary key (day, district_code, category)
);

create table dashboard_live (
    district_code varchar(12) primary key,
    figures       jsonb       not null,
    computed_at   timestamptz not null
);

create table dashboard_screen_link (
    id          uuid primary key,
    token_hash  bytea        not null unique,
    label       varchar(100) not null,
    created_at  timestamptz  not null,
    created_by  varchar(100) not null,
    revoked_at  timestamptz,
    revoked_by  varchar(100),
    last_used_at timestamptz
);

create table dashboard_brief (
    day           date         not null,
    district_code varchar(12)  not null,
    pdf           bytea        not null,
    made_at       timestamptz  not null,
    instance      varchar(120) not null,
    mailed_to     text,
    primary key (day, district_code)
);

create table dashboard_job_run (
    job        varchar(40) not null,
    day        date        not null,
    started_at timestamptz not null,
    instance   varchar(120) not null,
    primary key (job, day)
);
