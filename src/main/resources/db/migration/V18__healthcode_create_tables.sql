-- Health codes. Model: docs/healthcode.md. No plain ID number, phone or name is ever stored.
create table health_person (
    id           uuid primary key,
    id_hash      bytea       not null unique,
    id_cipher    bytea       not null,
    phone_hash   bytea       not null,
    phone_cipher bytea       not null,
    name_cipher  bytea       not null,
    masked_name  varchar(20) not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index health_person_phone_idx on health_person (phone_hash);

create table health_status (
    person_id    uuid primary key references health_person (id),
    colour       varchar(6)  not null check (colour in ('GREEN', 'YELLOW', 'RED')),
    since        timestamptz not null,
    rule_version int,
    reasons      jsonb       not null default '[]',
    version      bigint      not null default 0
);

create table health_signing_key (
    kid            varchar(40) primary key,
    public_jwk     text        not null,
    private_cipher bytea       not null,
    created_at     timestamptz not null,
    retired_at     timestamptz
);

create table health_gate_scan (
    id         bigint generated always as identity primary key,
    gate       varchar(60) not null,
    scanned_at timestamptz not null,
    person_id  uuid,
    result     varchar(20) not null,
    colour     varchar(6)
);
create index health_gate_scan_gate_idx on health_gate_scan (gate, scanned_at);
