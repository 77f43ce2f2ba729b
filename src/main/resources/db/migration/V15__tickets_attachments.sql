-- A document or photo filed with a ticket (size and type checked when filed).
create table ticket_attachment (
    id           uuid primary key,
    ticket_id    uuid         not null references ticket (id),
    filename     varchar(200) not null,
    content_type varchar(100) not null,
    size_bytes   int          not null check (size_bytes > 0 and size_bytes <= 5242880),
    data         bytea        not null,
    uploaded_by  varchar(100) not null,
    uploaded_at  timestamptz  not null
);
create index ticket_attachment_ticket_idx on ticket_attachment (ticket_id);
