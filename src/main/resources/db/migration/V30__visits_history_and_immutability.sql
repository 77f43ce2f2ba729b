-- A submitted visit never changes: its rows refuse UPDATE and DELETE (a correction is a new visit).
create function visit_is_immutable() returns trigger language plpgsql as $$
begin
    raise exception '% is immutable once submitted: % refused', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
end;
$$;
create trigger visit_no_change before update or delete on visit
    for each row execute function visit_is_immutable();
create trigger visit_item_no_change before update or delete on visit_item
    for each row execute function visit_is_immutable();
create trigger visit_problem_no_change before update or delete on visit_problem
    for each row execute function visit_is_immutable();

-- Every suspension by the lights, and its end, for the figures per day.
create table visit_suspension (
    id            uuid primary key,
    enterprise_id uuid         not null references enterprise (id),
    district_code varchar(12)  not null references geo_district (code),
    suspended_at  timestamptz  not null,
    reason        varchar(500) not null,
    application_suspended boolean not null,
    restored_at   timestamptz,
    restored_by   uuid references visit (id)
);
create index visit_suspension_district_idx on visit_suspension (district_code, suspended_at);
create unique index visit_suspension_open_idx on visit_suspension (enterprise_id) where restored_at is null;
