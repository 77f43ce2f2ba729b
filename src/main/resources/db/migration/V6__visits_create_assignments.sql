-- Which enterprises a resident commissioner answers for. Visit logs come with the visits issue.
create table visit_assignment (
    commissioner_id uuid        not null references account_user (id),
    enterprise_id   uuid        not null references enterprise (id),
    assigned_at     timestamptz not null,
    assigned_by     varchar(60) not null,
    primary key (commissioner_id, enterprise_id)
);
create index visit_assignment_enterprise_idx on visit_assignment (enterprise_id);
