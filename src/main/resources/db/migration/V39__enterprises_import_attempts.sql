-- How many runs of an import were interrupted (its instance died while it ran): it is queued again
-- until the third, then ends as failed.
alter table enterprise_import add column attempts int not null default 0;
