-- A person shares the colour of his code with his employer: the consent, by the person, recorded.
create table health_staff (
    enterprise_id uuid        not null references enterprise (id),
    person_id     uuid        not null references health_person (id),
    consent_at    timestamptz not null,
    primary key (enterprise_id, person_id)
);
create index health_staff_person_idx on health_staff (person_id);
