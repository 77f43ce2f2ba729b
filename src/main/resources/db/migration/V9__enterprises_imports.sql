-- Registry imports run in the background: the file is kept here, checked whole, and imported in
-- one transaction or not at all. The progress is visible while it runs, from any instance.
create table enterprise_import (
    id             uuid primary key,
    filename       varchar(200) not null,
    content        bytea        not null,
    status         varchar(10)  not null check (status in ('QUEUED', 'CHECKING', 'IMPORTING', 'DONE', 'REJECTED', 'FAILED')),
    total_rows     int          not null default 0,
    checked_rows   int          not null default 0,
    imported_rows  int          not null default 0,
    problems       jsonb,
    requested_by   varchar(60)  not null,
    district_code  varchar(12),
    created_at     timestamptz  not null,
    started_at     timestamptz,
    finished_at    timestamptz,
    claimed_by     varchar(100)
);
-- The worker claims the oldest queued import with FOR UPDATE SKIP LOCKED through this index.
create index enterprise_import_queue_idx on enterprise_import (created_at) where status = 'QUEUED';
create index enterprise_import_requester_idx on enterprise_import (district_code, created_at desc);
