-- Enterprises sign up themselves (credit code, contact person, phone); the district verifies the
-- account before it can sign in and file. Accounts made by officials are verified from the start.
alter table account_user
    add column verification      varchar(10) not null default 'VERIFIED'
        check (verification in ('PENDING', 'VERIFIED', 'REFUSED')),
    add column contact_phone     varchar(20),
    add column verification_note text,
    add column verified_by       varchar(60),
    add column verified_at       timestamptz;
-- A pending account cannot sign in.
alter table account_user add constraint account_user_pending_disabled check (verification = 'VERIFIED' or not enabled);
create index account_user_pending_idx on account_user (district_code, created_at) where verification = 'PENDING';
