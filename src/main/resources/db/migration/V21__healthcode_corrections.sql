-- A citizen asks for a correction (纠错) of his colour with a reason; a health-bureau officer decides.
-- An accepted correction clears what was known up to that day.
create table health_correction (
    id            bigint generated always as identity primary key,
    person_id     uuid         not null references health_person (id),
    reason        text         not null,
    status        varchar(10)  not null check (status in ('PENDING', 'ACCEPTED', 'REFUSED')),
    requested_at  timestamptz  not null,
    decided_by    varchar(100),
    decision_note text,
    decided_at    timestamptz
);
create index health_correction_pending_idx on health_correction (requested_at) where status = 'PENDING';
