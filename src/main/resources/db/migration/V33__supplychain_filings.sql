-- Chain filing (同步备案): a lead files for its whole chain at once; what that did for each supplier.
create table supply_filing (
    lead_id      uuid primary key references supply_tree (lead_id),
    planned_date date         not null,
    filed_at     timestamptz  not null,
    filed_by     varchar(100) not null,
    filings      int          not null default 1
);

-- Per supplier: its application started or linked (in the city), or a coordination ticket (outside).
create table supply_filing_item (
    lead_id        uuid        not null references supply_filing (lead_id),
    supplier_kind  char(1)     not null check (supplier_kind in ('E', 'X')),
    supplier_id    uuid        not null,
    application_id uuid references resumption_application (id),
    ticket_id      uuid references ticket (id),
    started        boolean     not null default false,
    filed_at       timestamptz not null,
    primary key (lead_id, supplier_kind, supplier_id),
    check ((supplier_kind = 'E') = (application_id is not null) and (supplier_kind = 'X') = (ticket_id is not null))
);

-- What each lead was last told: whether it can run and whether its suppliers can. A change is told
-- once, by the instance whose update changed the row.
create table supply_lead_state (
    lead_id         uuid primary key references supply_tree (lead_id),
    can_run         boolean     not null,
    suppliers_ready boolean     not null,
    changed_at      timestamptz not null
);
