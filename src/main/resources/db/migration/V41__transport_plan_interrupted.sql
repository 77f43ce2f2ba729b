-- A plan whose solving instance died (docs/transport.md, "Interrupted plans"): failed, and said why.
alter table transport_plan add column interrupted boolean not null default false;
