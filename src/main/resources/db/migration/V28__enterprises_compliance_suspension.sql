-- An approval suspended by the compliance lights (visits) keeps the status it had, so that a later
-- green visit restores it; a suspension by an official stays final.
alter table resumption_application
    add column suspended_from varchar(24) check (suspended_from in ('APPROVED', 'RESUMED')),
    add column suspended_by_lights boolean not null default false;
