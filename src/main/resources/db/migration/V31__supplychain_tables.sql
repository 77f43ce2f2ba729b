-- Supply chains in step (四同步): each lead's supplier tree and needs; suppliers outside the city.
-- Model and rules: docs/supplychain.md.

-- Suppliers outside the city, with the status the coordinating official records.
create table supply_outside (
    id          uuid primary key,
    name        varchar(200) not null,
    region_code varchar(6)   not null check (region_code ~ '^[1-8][0-9]{5}$'),
    status      varchar(12)  not null default 'UNKNOWN' check (status in ('RUNNING', 'NOT_RUNNING', 'UNKNOWN')),
    status_by   varchar(100),
    status_at   timestamptz,
    unique (name, region_code)
);

-- One row per lead: its tree is replaced whole, at a version.
create table supply_tree (
    lead_id       uuid primary key references enterprise (id),
    district_code varchar(12)  not null references geo_district (code),
    version       bigint       not null default 0,
    updated_at    timestamptz  not null,
    updated_by    varchar(100) not null
);

-- buyer → supplier for a part; a node is a registry enterprise (E) or an outside supplier (X).
create table supply_link (
    id            bigint generated always as identity primary key,
    lead_id       uuid         not null references supply_tree (lead_id),
    position      int          not null,
    buyer_kind    char(1)      not null check (buyer_kind in ('E', 'X')),
    buyer_id      uuid         not null,
    supplier_kind char(1)      not null check (supplier_kind in ('E', 'X')),
    supplier_id   uuid         not null,
    part          varchar(100) not null,
    importance    varchar(10)  not null check (importance in ('CRITICAL', 'IMPORTANT', 'MINOR')),
    check (buyer_kind <> supplier_kind or buyer_id <> supplier_id)
);
create index supply_link_lead_idx on supply_link (lead_id, position);
create index supply_link_supplier_idx on supply_link (supplier_id);

create table supply_need (
    lead_id  uuid          not null references supply_tree (lead_id),
    position int           not null,
    kind     varchar(16)   not null check (kind in ('PARTS', 'STAFF', 'LOGISTICS', 'CROSS_DISTRICT')),
    text     varchar(1000) not null,
    primary key (lead_id, position)
);
