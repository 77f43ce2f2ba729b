-- A ticket raised at a commissioner's visit names the visit, so the two link both ways.
alter table ticket add column visit_id uuid;
create index ticket_visit_idx on ticket (visit_id) where visit_id is not null;
