-- Sign-up requests counted per client address and per mobile number (its hash, never the number),
-- shared by every instance: one address or one phone cannot use the form to probe which credit codes
-- are registered or which account names are taken.
create table account_signup_attempt (
    id         bigserial   primary key,
    address    varchar(64) not null,
    phone_hash char(64)    not null,
    at         timestamptz not null
);

create index account_signup_attempt_address on account_signup_attempt (address, at);
create index account_signup_attempt_phone on account_signup_attempt (phone_hash, at);
