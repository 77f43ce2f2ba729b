-- An application started or linked by a lead's chain filing (四同步): the lead it serves, the
-- importance of what it supplies there, and whether the lead is a key enterprise (the policy
-- matrix's KEY_CHAIN_SUPPLIER row may then let it pass a colour that would hold it).
alter table resumption_application
    add column chain_lead_id    uuid references enterprise (id),
    add column chain_lead_name  varchar(200),
    add column chain_importance varchar(12) check (chain_importance in ('CRITICAL', 'IMPORTANT', 'MINOR')),
    add column chain_key        boolean not null default false;

-- The review queue puts chain filings first, then oldest first.
create index resumption_application_chain_queue_idx
    on resumption_application (district_code, (chain_lead_id is null), submitted_at, id)
    where status in ('SUBMITTED', 'IN_REVIEW');
create index resumption_application_chain_city_queue_idx
    on resumption_application ((chain_lead_id is null), submitted_at, id)
    where status in ('SUBMITTED', 'IN_REVIEW');

-- Suppliers of a key lead's chain are reviewed in every colour, never held (data: the city edits it).
insert into resumption_policy (colour, category, decision)
select c.colour, 'KEY_CHAIN_SUPPLIER', 'REVIEW'
from (values ('GREEN'), ('BLUE'), ('YELLOW'), ('ORANGE'), ('RED')) c(colour);

-- Modules that keep a copy of who may work (the supply chains' graph) read what changed since.
create index resumption_application_changed_idx on resumption_application (updated_at) where current;
