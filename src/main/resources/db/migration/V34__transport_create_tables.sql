-- Bringing workers back (点对点包车): demand by origin, the fleet, the rules, plans, trips and manifests.
-- Every row is handled by the transport bureau's unit (scope: the city, the employer's district, the
-- employer itself, and the bureau through its unit).

-- The rules, versioned (they changed during February 2020); the latest effective one applies.
create table transport_rules (
    version             int primary key,
    effective_from      date          not null,
    usable_share        numeric(4, 3) not null check (usable_share > 0 and usable_share <= 1),
    observation_rows    int           not null check (observation_rows >= 0),
    seats_per_row       int           not null check (seats_per_row > 0),
    road_factor         numeric(4, 2) not null check (road_factor >= 1),
    speed_kmh           int           not null check (speed_kmh > 0),
    driving_hours       numeric(4, 1) not null check (driving_hours > 0),
    pickup_radius_km    int           not null check (pickup_radius_km >= 0),
    rail_threshold_km   int           not null check (rail_threshold_km > 0),
    reason              varchar(500)  not null,
    created_by          varchar(100)  not null,
    created_at          timestamptz   not null
);
insert into transport_rules values
    (1, date '2020-02-11', 0.500, 2, 4, 1.25, 80, 8.0, 150, 1500,
     '交运明电〔2020〕56号: at most 50% of rated seats on inter-province and inter-city charters; the last two rows an observation zone',
     'system', now());

-- Buses, train carriages and charter flights; trains and flights leave from one origin on one day.
create table transport_vehicle (
    id            uuid primary key,
    kind          varchar(10)   not null check (kind in ('BUS', 'TRAIN', 'FLIGHT')),
    label         varchar(100)  not null,
    operator      varchar(200)  not null,
    rated_seats   int           not null check (rated_seats > 0 and rated_seats <= 2000),
    drivers       int           not null default 2 check (drivers >= 0),
    cost_per_km   numeric(8, 2) not null default 0 check (cost_per_km >= 0),
    available_from date         not null,
    available_to  date          not null,
    origin_code   varchar(6),
    departs_on    date,
    unit          varchar(40)   not null,
    created_at    timestamptz   not null,
    check (available_to >= available_from),
    check ((kind = 'BUS') = (origin_code is null and departs_on is null))
);

-- Returning workers of an employer: a count from one origin county with a wanted arrival window.
create table transport_demand (
    id            uuid primary key,
    enterprise_id uuid          not null references enterprise (id),
    district_code varchar(12)   not null,
    unit          varchar(40)   not null,
    origin_code   varchar(6)    not null,
    workers       int           not null check (workers > 0 and workers <= 20000),
    window_from   date          not null,
    window_to     date          not null,
    contact       varchar(100),
    note          varchar(500),
    created_by    varchar(100)  not null,
    created_at    timestamptz   not null,
    check (window_to >= window_from)
);
create index transport_demand_window on transport_demand (window_from, window_to);
create index transport_demand_enterprise on transport_demand (enterprise_id);

-- Named workers of a demand: the health-code module's pseudonymous person, never an ID number.
create table transport_worker (
    id          uuid primary key,
    demand_id   uuid         not null references transport_demand (id) on delete cascade,
    person_id   uuid         not null,
    masked_name varchar(100) not null,
    created_at  timestamptz  not null,
    unique (demand_id, person_id)
);

-- A plan of a period, solved in the background.
create table transport_plan (
    id           uuid primary key,
    period_from  date         not null,
    period_to    date         not null,
    status       varchar(10)  not null check (status in ('SOLVING', 'SOLVED', 'STOPPED', 'FAILED')),
    rules_version int         not null references transport_rules (version),
    score        varchar(200),
    explanation  text,
    workers      int          not null default 0,
    unplanned    int          not null default 0,
    trips        int          not null default 0,
    lower_bound  int          not null default 0,
    seconds      numeric(8, 1),
    unit         varchar(40)  not null,
    created_by   varchar(100) not null,
    created_at   timestamptz  not null,
    finished_at  timestamptz,
    check (period_to >= period_from)
);

-- A trip: one vehicle (一车一策), its pickups in order, the employers it drops at, its day.
create table transport_trip (
    id           uuid primary key,
    plan_id      uuid          not null references transport_plan (id),
    number       int           not null,
    mode         varchar(10)   not null check (mode in ('BUS', 'TRAIN', 'FLIGHT')),
    vehicle_id   uuid references transport_vehicle (id),
    seats        int           not null,
    arrive_on    date          not null,
    distance_km  int           not null,
    driving_hours numeric(6, 1) not null,
    pinned       boolean       not null default false,
    status       varchar(10)   not null check (status in ('PLANNED', 'FROZEN', 'ARRIVED')),
    driver       varchar(100),
    frozen_at    timestamptz,
    unit         varchar(40)   not null,
    version      int           not null default 0,
    unique (plan_id, number)
);

-- What a trip carries: so many workers of a demand, picked up in this order.
create table transport_trip_load (
    trip_id    uuid not null references transport_trip (id) on delete cascade,
    seq        int  not null,
    demand_id  uuid not null references transport_demand (id),
    workers    int  not null check (workers >= 0),
    primary key (trip_id, seq)
);
create index transport_trip_load_demand on transport_trip_load (demand_id);

-- The manifest, made at freeze: one row per seat's passenger, named or counted.
create table transport_passenger (
    id            uuid primary key,
    trip_id       uuid         not null references transport_trip (id) on delete cascade,
    demand_id     uuid         not null references transport_demand (id),
    worker_id     uuid references transport_worker (id),
    enterprise_id uuid         not null,
    district_code varchar(12)  not null,
    seat          int,
    status        varchar(10)  not null check (status in ('ON_BOARD', 'REMOVED', 'BOARDED', 'ABSENT', 'RECEIVED', 'ISOLATED')),
    colour        varchar(10),
    reason        varchar(300),
    boarded_at    timestamptz,
    handed_at     timestamptz
);
create index transport_passenger_trip on transport_passenger (trip_id);
create unique index transport_passenger_worker on transport_passenger (worker_id)
    where worker_id is not null and status <> 'REMOVED';
