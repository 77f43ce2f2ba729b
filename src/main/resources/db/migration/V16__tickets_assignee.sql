-- The official who took a ticket in its unit: "my queue".
alter table ticket
    add column assignee_id   uuid,
    add column assignee_name varchar(100);
create index ticket_assignee_idx on ticket (assignee_id, solution_due) where assignee_id is not null;
