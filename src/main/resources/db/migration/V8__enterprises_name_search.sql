-- Name search by substring at city scale. Chinese names have no spaces and pg_trgm's trigrams need
-- a Unicode-aware locale, so names are indexed by their bigrams (pairs of characters, the usual
-- unit of Chinese search) in a generated column with a GIN index; a search first narrows by the
-- bigrams of the query, then checks the substring.
create function enterprise_name_bigrams(name text) returns text[]
    language sql immutable parallel safe
    return coalesce((select array_agg(distinct substr(lower(name), i, 2))
                     from generate_series(1, char_length(name) - 1) as i), '{}');

alter table enterprise add column name_bigrams text[] generated always as (enterprise_name_bigrams(name)) stored;
create index enterprise_name_bigrams_idx on enterprise using gin (name_bigrams);
