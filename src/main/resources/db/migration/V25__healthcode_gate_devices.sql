-- Gate devices: a credential an official issues and revokes. Only the SHA-256 of the token is kept
-- (a long random token needs no slow hash); a gate sends it as a bearer token with every scan.
create table health_gate_device (
    id          uuid primary key,
    name        varchar(60)  not null,
    token_hash  bytea        not null unique,
    token_hint  varchar(12)  not null,
    issued_by   varchar(100) not null,
    issued_at   timestamptz  not null,
    revoked_by  varchar(100),
    revoked_at  timestamptz
);
