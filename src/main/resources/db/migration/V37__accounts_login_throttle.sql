-- Sign-in throttling shared by every instance. Wrong passwords count per name typed and client
-- address, so that one address can lock only itself out of an account, never its owner elsewhere;
-- and per address over every name, so that one address cannot try many accounts. Names that no
-- account has are counted the same way, so the answers tell nothing of which accounts exist.
create table account_login_failure (
    username     varchar(100) not null,
    address      varchar(64)  not null,
    failures     int          not null,
    last_at      timestamptz  not null,
    locked_until timestamptz,
    primary key (username, address)
);

create table account_address_failure (
    address       varchar(64) primary key,
    failures      int         not null,
    window_start  timestamptz not null,
    blocked_until timestamptz
);
