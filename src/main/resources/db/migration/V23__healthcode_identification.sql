-- Identification that cannot be taken over (docs/healthcode.md, "Identification"): a one-time code
-- lives in the database, not in a session, so that its guesses are counted once for every session
-- and instance; abuse counters per phone, ID number and client address per hour.
create table health_otp (
    id          uuid primary key,
    id_hash     bytea       not null,
    -- the phone the code went to: the bound phone of a known person, the typed one of a new person
    phone_hash  bytea       not null,
    id_cipher   bytea       not null,
    name_cipher bytea       not null,
    phone_cipher bytea      not null,
    code_hash   bytea       not null,
    -- false when the answer must fail whatever is typed (the name did not match the stored one)
    redeemable  boolean     not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    attempts    int         not null default 0,
    used_at     timestamptz
);
create index health_otp_created_idx on health_otp (created_at);

create table health_abuse_counter (
    kind         varchar(20) not null,
    key_hash     bytea       not null,
    window_start timestamptz not null,
    hits         int         not null,
    primary key (kind, key_hash, window_start)
);
create index health_abuse_counter_window_idx on health_abuse_counter (window_start);
