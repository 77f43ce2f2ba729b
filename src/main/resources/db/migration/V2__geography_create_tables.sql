-- Administrative units. Codes follow GB/T 2260 (city, district) and the statistical division
-- codes (township); a functional zone without a GB code carries a stable code of its own.
create table geo_city (
    code      varchar(12) primary key,
    name_zh   varchar(100) not null,
    name_en   varchar(100) not null,
    time_zone varchar(50)  not null
);

create table geo_district (
    code       varchar(12) primary key,
    city_code  varchar(12)  not null references geo_city (code),
    name_zh    varchar(100) not null,
    name_en    varchar(100) not null,
    kind       varchar(20)  not null check (kind in ('DISTRICT', 'COUNTY', 'COUNTY_CITY', 'FUNCTIONAL_ZONE')),
    sort_order int          not null
);
create index geo_district_city_idx on geo_district (city_code, sort_order);

create table geo_township (
    code          varchar(12) primary key,
    district_code varchar(12)  not null references geo_district (code),
    name_zh       varchar(100) not null,
    name_en       varchar(100) not null,
    kind          varchar(20)  not null check (kind in ('SUBDISTRICT', 'TOWN', 'TOWNSHIP'))
);
create index geo_township_district_idx on geo_township (district_code);
