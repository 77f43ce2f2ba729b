-- The desk keeps what it needs of other modules itself instead of reading their tables:
-- the enterprise's name as it was when the problem was filed (tickets filed before this version
-- get it at the next start, from the registry's API), and its own bigram function for the
-- search of similar problems.
alter table ticket add column enterprise_name varchar(200);

create function ticket_text_bigrams(text text) returns text[]
    language sql immutable parallel safe
    return coalesce((select array_agg(distinct substr(lower(text), i, 2))
                     from generate_series(1, char_length(text) - 1) as i), '{}');

alter table ticket drop column description_bigrams;
alter table ticket add column description_bigrams text[] generated always as (ticket_text_bigrams(title || description)) stored;
create index ticket_bigrams_idx on ticket using gin (description_bigrams);
