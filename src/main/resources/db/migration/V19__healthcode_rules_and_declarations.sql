-- Rules, declarations, daily check-ins, the health bureau's lists and areas, and the colour history.
create table health_rule_set (
    version        int primary key,
    effective_from date        not null,
    body           jsonb       not null,
    created_by     varchar(100) not null,
    created_at     timestamptz not null
);
insert into health_rule_set (version, effective_from, body, created_by, created_at) values
    (1, date '2020-01-01', '{"redDays": 14, "yellowDays": 7, "feverAt": 37.3, "lookBackDays": 14,
                             "highRiskColours": ["RED", "ORANGE"], "mediumRiskColours": ["YELLOW"]}', 'migration', now());

-- Places outside the city and their risk, kept by the health bureau.
create table health_area (
    code  varchar(30) primary key,
    name  varchar(100) not null,
    level varchar(6)   not null check (level in ('HIGH', 'MEDIUM', 'LOW'))
);

create table health_declaration (
    id          bigint generated always as identity primary key,
    person_id   uuid         not null references health_person (id),
    declared_on date         not null,
    places      jsonb        not null default '[]',
    contact     boolean      not null,
    symptoms    varchar(6)   not null check (symptoms in ('NONE', 'MILD', 'FEVER')),
    temperature numeric(4, 1),
    arrived_on  date,
    created_at  timestamptz  not null
);
create index health_declaration_person_idx on health_declaration (person_id, declared_on);

create table health_checkin (
    person_id   uuid        not null references health_person (id),
    day         date        not null,
    temperature numeric(4, 1) not null,
    symptoms    varchar(6)  not null check (symptoms in ('NONE', 'MILD', 'FEVER')),
    created_at  timestamptz not null,
    primary key (person_id, day)
);

-- By the keyed hash of the ID number, so that an entry applies also to someone who identifies later.
create table health_list_entry (
    id        bigint generated always as identity primary key,
    id_hash   bytea       not null,
    kind      varchar(15) not null check (kind in ('CONFIRMED', 'SUSPECTED', 'CLOSE_CONTACT')),
    listed_on date        not null,
    source    varchar(100) not null,
    created_at timestamptz not null
);
create index health_list_entry_hash_idx on health_list_entry (id_hash);

create table health_status_change (
    id           bigint generated always as identity primary key,
    person_id    uuid        not null references health_person (id),
    at           timestamptz not null,
    from_colour  varchar(6),
    to_colour    varchar(6)  not null,
    rule_version int         not null,
    reasons      jsonb       not null
);
create index health_status_change_person_idx on health_status_change (person_id, id);
