-- The audit trail is append-only: the database itself refuses to change or remove an entry.
create table audit_event (
    id            bigint generated always as identity primary key,
    occurred_at   timestamptz  not null,
    actor         varchar(100) not null,
    actor_role    varchar(40),
    module        varchar(40)  not null,
    entity_type   varchar(60)  not null,
    entity_id     varchar(100),
    action        varchar(60)  not null,
    before_state  jsonb,
    after_state   jsonb,
    district_code varchar(12),
    enterprise_id uuid,
    remote_address varchar(64)
);
-- Pages read newest first by id (ids grow with time); a district official reads its district's.
create index audit_event_district_idx on audit_event (district_code, id desc);
create index audit_event_actor_idx on audit_event (lower(actor), id desc);
create index audit_event_entity_idx on audit_event (entity_type, entity_id);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();
