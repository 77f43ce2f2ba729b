-- The health-code tables partitioned by hash of the person reference (docs/healthcode.md, "At a city's
-- scale"): every table about a person is split into 16 partitions by person_id, and every key includes
-- it, so that the same tables distribute on Citus by that column, co-located. The ID number's keyed
-- hash, by which a person is found and by which the bureau's lists are kept (a list may name someone
-- not yet known), moves to a lookup table partitioned by that hash: it holds the one unique key on it.
-- Ids are kept: the audit trail names people by them. Gate scans (an event log; a scan of a forged code
-- names no one), one-time codes and abuse counters are not about a known person and stay as they are.

alter table health_person rename to health_person_old;
alter table health_status rename to health_status_old;
alter table health_declaration rename to health_declaration_old;
alter table health_checkin rename to health_checkin_old;
alter table health_list_entry rename to health_list_entry_old;
alter table health_status_change rename to health_status_change_old;
alter table health_staff rename to health_staff_old;
alter table health_correction rename to health_correction_old;
alter table health_phone_change rename to health_phone_change_old;

create table health_person (
    id           uuid        not null,
    id_hash      bytea       not null,
    id_cipher    bytea       not null,
    phone_hash   bytea       not null,
    phone_cipher bytea       not null,
    name_cipher  bytea       not null,
    masked_name  varchar(20) not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    constraint health_person_by_id primary key (id)
) partition by hash (id);
create index health_person_by_phone on health_person (phone_hash);

-- The one place an ID number's hash is unique; a person is found by it, then by id.
create table health_person_key (
    id_hash   bytea not null,
    person_id uuid  not null,
    constraint health_person_key_by_hash primary key (id_hash)
) partition by hash (id_hash);

create table health_status (
    person_id    uuid        not null references health_person (id),
    colour       varchar(6)  not null check (colour in ('GREEN', 'YELLOW', 'RED')),
    since        timestamptz not null,
    rule_version int,
    reasons      jsonb       not null default '[]',
    version      bigint      not null default 0,
    constraint health_status_by_person primary key (person_id)
) partition by hash (person_id);

create sequence health_declaration_ids;
create table health_declaration (
    id          bigint       not null default nextval('health_declaration_ids'),
    person_id   uuid         not null references health_person (id),
    declared_on date         not null,
    places      jsonb        not null default '[]',
    contact     boolean      not null,
    symptoms    varchar(6)   not null check (symptoms in ('NONE', 'MILD', 'FEVER')),
    temperature numeric(4, 1),
    arrived_on  date,
    created_at  timestamptz  not null,
    constraint health_declaration_by_person primary key (person_id, id)
) partition by hash (person_id);
create index health_declaration_by_day on health_declaration (person_id, declared_on);

create table health_checkin (
    person_id   uuid          not null references health_person (id),
    day         date          not null,
    temperature numeric(4, 1) not null,
    symptoms    varchar(6)    not null check (symptoms in ('NONE', 'MILD', 'FEVER')),
    created_at  timestamptz   not null,
    constraint health_checkin_by_person primary key (person_id, day)
) partition by hash (person_id);

-- Kept by the hash of the ID number, beside the lookup table (same partitioning, same column).
create sequence health_list_entry_ids;
create table health_list_entry (
    id         bigint       not null default nextval('health_list_entry_ids'),
    id_hash    bytea        not null,
    kind       varchar(15)  not null check (kind in ('CONFIRMED', 'SUSPECTED', 'CLOSE_CONTACT')),
    listed_on  date         not null,
    source     varchar(100) not null,
    created_at timestamptz  not null,
    constraint health_list_entry_by_hash primary key (id_hash, id)
) partition by hash (id_hash);

create sequence health_status_change_ids;
create table health_status_change (
    id           bigint      not null default nextval('health_status_change_ids'),
    person_id    uuid        not null references health_person (id),
    at           timestamptz not null,
    from_colour  varchar(6),
    to_colour    varchar(6)  not null,
    rule_version int         not null,
    reasons      jsonb       not null,
    constraint health_status_change_by_person primary key (person_id, id)
) partition by hash (person_id);

create table health_staff (
    enterprise_id uuid        not null references enterprise (id),
    person_id     uuid        not null references health_person (id),
    consent_at    timestamptz not null,
    constraint health_staff_by_person primary key (person_id, enterprise_id)
) partition by hash (person_id);
create index health_staff_by_enterprise on health_staff (enterprise_id);

create sequence health_correction_ids;
create table health_correction (
    id            bigint       not null default nextval('health_correction_ids'),
    person_id     uuid         not null references health_person (id),
    reason        text         not null,
    status        varchar(10)  not null check (status in ('PENDING', 'ACCEPTED', 'REFUSED')),
    requested_at  timestamptz  not null,
    decided_by    varchar(100),
    decision_note text,
    decided_at    timestamptz,
    constraint health_correction_by_person primary key (person_id, id)
) partition by hash (person_id);
create index health_correction_pending on health_correction (requested_at) where status = 'PENDING';
create index health_correction_by_id on health_correction (id);

create table health_phone_change (
    id           uuid          not null,
    person_id    uuid          not null references health_person (id),
    phone_hash   bytea         not null,
    phone_cipher bytea         not null,
    reason       varchar(1000) not null,
    status       varchar(10)   not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    requested_at timestamptz   not null,
    decided_by   varchar(100),
    decided_at   timestamptz,
    note         varchar(1000),
    constraint health_phone_change_by_person primary key (person_id, id)
) partition by hash (person_id);
create unique index health_phone_change_one_pending on health_phone_change (person_id) where status = 'PENDING';
create index health_phone_change_by_id on health_phone_change (id);

-- 16 partitions each: on one server they keep every index small; on Citus the column is the
-- distribution column instead (docs/operations.md).
do $$
declare
    t text;
    r int;
begin
    foreach t in array array['health_person', 'health_person_key', 'health_status', 'health_declaration',
                             'health_checkin', 'health_list_entry', 'health_status_change', 'health_staff',
                             'health_correction', 'health_phone_change'] loop
        for r in 0..15 loop
            execute format('create table %I partition of %I for values with (modulus 16, remainder %s)',
                           t || '_p' || lpad(r::text, 2, '0'), t, r);
        end loop;
    end loop;
end $$;

insert into health_person select * from health_person_old;
insert into health_person_key (id_hash, person_id) select id_hash, id from health_person_old;
insert into health_status select * from health_status_old;
insert into health_declaration (id, person_id, declared_on, places, contact, symptoms, temperature, arrived_on, created_at)
    select id, person_id, declared_on, places, contact, symptoms, temperature, arrived_on, created_at from health_declaration_old;
insert into health_checkin select * from health_checkin_old;
insert into health_list_entry (id, id_hash, kind, listed_on, source, created_at)
    select id, id_hash, kind, listed_on, source, created_at from health_list_entry_old;
insert into health_status_change (id, person_id, at, from_colour, to_colour, rule_version, reasons)
    select id, person_id, at, from_colour, to_colour, rule_version, reasons from health_status_change_old;
insert into health_staff (enterprise_id, person_id, consent_at) select enterprise_id, person_id, consent_at from health_staff_old;
insert into health_correction (id, person_id, reason, status, requested_at, decided_by, decision_note, decided_at)
    select id, person_id, reason, status, requested_at, decided_by, decision_note, decided_at from health_correction_old;
insert into health_phone_change select * from health_phone_change_old;

select setval('health_declaration_ids', coalesce((select max(id) from health_declaration), 0) + 1, false);
select setval('health_list_entry_ids', coalesce((select max(id) from health_list_entry), 0) + 1, false);
select setval('health_status_change_ids', coalesce((select max(id) from health_status_change), 0) + 1, false);
select setval('health_correction_ids', coalesce((select max(id) from health_correction), 0) + 1, false);

drop table health_phone_change_old, health_correction_old, health_staff_old, health_status_change_old,
    health_list_entry_old, health_checkin_old, health_declaration_old, health_status_old, health_person_old;

alter sequence health_declaration_ids owned by health_declaration.id;
alter sequence health_list_entry_ids owned by health_list_entry.id;
alter sequence health_status_change_ids owned by health_status_change.id;
alter sequence health_correction_ids owned by health_correction.id;
