-- Which key signs is decided by the database: each key signs from its signs_from until the next
-- key's signs_from, the same on every instance. A new key is published a day before it signs.
alter table health_signing_key add column signs_from timestamptz;
update health_signing_key set signs_from = created_at;
alter table health_signing_key alter column signs_from set not null;
create index health_signing_key_signs_from_idx on health_signing_key (signs_from);
