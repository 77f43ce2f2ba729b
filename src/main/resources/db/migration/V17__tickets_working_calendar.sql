-- An optional working calendar per SLA policy: the clock then runs only in working hours on working
-- days (not on the holidays listed), instead of around the clock.
alter table ticket_sla_policy
    add column working_hours_only boolean not null default false,
    add column work_starts        time    not null default '08:30',
    add column work_ends          time    not null default '17:30',
    add column work_days          varchar(20) not null default '1,2,3,4,5' check (work_days ~ '^[1-7](,[1-7])*$'),
    add constraint ticket_sla_policy_work_hours check (work_starts < work_ends);

create table ticket_holiday (
    day  date primary key,
    name varchar(100) not null
);
