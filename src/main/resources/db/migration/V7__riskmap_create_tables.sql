-- Daily epidemic indicators per unit (a district or a township), entered by districts, the city
-- or the health bureau. district_code is the district the unit belongs to (for scoping).
create table risk_indicator (
    unit_code            varchar(12) not null,
    day                  date        not null,
    district_code        varchar(12) not null references geo_district (code),
    new_local            int         not null check (new_local >= 0),
    new_imported         int         not null check (new_imported >= 0),
    new_asymptomatic     int         not null check (new_asymptomatic >= 0),
    active_clusters      int         not null check (active_clusters >= 0),
    cumulative_confirmed int         not null check (cumulative_confirmed >= 0),
    population           int         check (population >= 0),
    updated_at           timestamptz not null,
    updated_by           varchar(60) not null,
    version              bigint      not null default 0,
    primary key (unit_code, day)
);
create index risk_indicator_day_idx on risk_indicator (day, unit_code);

-- Versioned colour rules; a version is never changed, only superseded from its effective date.
create table risk_rule_set (
    version        int primary key,
    effective_from date         not null,
    name           varchar(200) not null,
    parameters     jsonb        not null,
    created_at     timestamptz  not null,
    created_by     varchar(60)  not null
);
create index risk_rule_set_effective_idx on risk_rule_set (effective_from desc, version desc);

insert into risk_rule_set (version, effective_from, name, parameters, created_at, created_by) values
    (1, date '2020-01-01', 'Zhejiang five-colour method (He et al. 2021), Fugong default weights',
     '{"cumulativeWeight": 1.0, "localSharePercentWeight": 0.2, "clusterWeight": 10.0,
       "redFrom": 50, "orangeFrom": 25, "yellowFrom": 10,
       "oneLevelLowerAfterDays": 3, "twoLevelsLowerAfterDays": 7, "greenAfterDays": 14}',
     timestamptz '2020-01-01 00:00:00+08', 'system');

-- The computed colour of a unit on a day, with what made it.
create table risk_colour (
    unit_code        varchar(12)   not null,
    day              date          not null,
    district_code    varchar(12)   not null,
    colour           varchar(6)    not null check (colour in ('RED', 'ORANGE', 'YELLOW', 'BLUE', 'GREEN')),
    rule_set_version int           not null references risk_rule_set (version),
    score            numeric(10, 2) not null,
    breakdown        json          not null,
    -- A hash of colour, version, score and breakdown: a recomputation rewrites only what changed.
    fingerprint      bigint        not null,
    computed_at      timestamptz   not null,
    -- Reads are by day (the map of a day, a range for the replay): the key leads with the day.
    primary key (day, unit_code)
);

-- A colour set by hand, with a reason and an expiry.
create table risk_override (
    id            uuid primary key,
    unit_code     varchar(12)  not null,
    district_code varchar(12)  not null,
    colour        varchar(6)   not null check (colour in ('RED', 'ORANGE', 'YELLOW', 'BLUE', 'GREEN')),
    reason        varchar(500) not null,
    starts_at     timestamptz  not null,
    expires_at    timestamptz  not null check (expires_at > starts_at),
    created_by    varchar(60)  not null,
    ended_at      timestamptz,
    ended_by      varchar(60),
    version       bigint       not null default 0
);
create index risk_override_unit_idx on risk_override (unit_code, starts_at desc);
-- The expiry sweep finds due overrides through this index, not by scanning.
create index risk_override_due_idx on risk_override (expires_at) where ended_at is null;

-- One row per scheduled run: the primary key lets exactly one instance run a job for a day.
create table risk_job_run (
    job         varchar(40) not null,
    day         date        not null,
    started_at  timestamptz not null,
    instance    varchar(100) not null,
    primary key (job, day)
);

-- Map shapes uploaded by an official, replacing the shipped tile map for a level.
create table risk_map_shape (
    map_key     varchar(20) primary key,
    geojson     text        not null,
    uploaded_at timestamptz not null,
    uploaded_by varchar(60) not null
);
