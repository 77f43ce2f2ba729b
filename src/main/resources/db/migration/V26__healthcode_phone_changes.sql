-- A change of the phone a health code is bound to: a request the health bureau decides, never a
-- silent overwrite. The new phone is kept sealed and as a keyed hash, like every phone.
create table health_phone_change (
    id           uuid primary key,
    person_id    uuid          not null references health_person (id),
    phone_hash   bytea         not null,
    phone_cipher bytea         not null,
    reason       varchar(1000) not null,
    status       varchar(10)   not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    requested_at timestamptz   not null,
    decided_by   varchar(100),
    decided_at   timestamptz,
    note         varchar(1000)
);
create unique index health_phone_change_pending_idx on health_phone_change (person_id) where status = 'PENDING';
