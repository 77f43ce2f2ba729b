-- What the return-to-work policy asks of an enterprise besides its size: whether it is a key
-- enterprise (重点企业), its priority category, and its floor area (small shops: under 300 m²).
alter table enterprise
    add column key_enterprise    boolean       not null default false,
    add column priority_category varchar(20)   check (priority_category in
        ('MEDICAL_SUPPLIES', 'UTILITIES', 'FOOD', 'LOGISTICS', 'EXPORTER', 'CONSTRUCTION')),
    add column floor_area_m2     numeric(12, 1) check (floor_area_m2 >= 0);
