-- Common issues: similar tickets grouped and handled by a task force; one answer resolves them all.
create table ticket_common_issue (
    id          uuid primary key,
    title       varchar(200) not null,
    description text         not null,
    unit_code   varchar(30)  not null references ticket_unit (code),
    status      varchar(10)  not null check (status in ('OPEN', 'RESOLVED')),
    answer      text,
    created_by  varchar(100) not null,
    created_at  timestamptz  not null,
    resolved_at timestamptz,
    version     bigint       not null default 0
);
create index ticket_common_issue_status_idx on ticket_common_issue (status, created_at);
alter table ticket add constraint ticket_common_issue_fkey foreign key (common_issue_id) references ticket_common_issue (id);
create index ticket_common_issue_member_idx on ticket (common_issue_id) where common_issue_id is not null;
