-- Road distances that replace great circle × road factor where known: one row per ordered pair of places
-- (a county's GB/T 2260 code, or CITY for the city's hub), loaded from a file as a whole.
create table transport_road_km (
    from_code varchar(12) not null,
    to_code   varchar(12) not null,
    km        int         not null check (km > 0 and km <= 10000),
    primary key (from_code, to_code)
);
