-- The enterprise registry's core record. The unified social credit code (GB 32100) is unique.
create table enterprise (
    id               uuid primary key,
    uscc             varchar(18)  not null check (length(uscc) = 18),
    name             varchar(200) not null,
    legal_representative varchar(100) not null,
    district_code    varchar(12)  not null references geo_district (code),
    township_code    varchar(12) references geo_township (code),
    industry_section varchar(1)   not null check (industry_section between 'A' and 'T'),
    size             varchar(10)  not null check (size in ('MICRO', 'SMALL', 'MEDIUM', 'LARGE')),
    above_scale      boolean      not null,
    staff_count      int          not null check (staff_count >= 0),
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    version          bigint       not null default 0
);
create unique index enterprise_uscc_idx on enterprise (uscc);
-- Registry pages list a district's enterprises by name, keyset-paginated on (name, id).
create index enterprise_district_name_idx on enterprise (district_code, name, id);
create index enterprise_name_idx on enterprise (name, id);
