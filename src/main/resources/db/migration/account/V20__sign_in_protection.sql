-- Sign-in protection: failed sign-ins per account name and per client address (delays, temporary locks),
-- passwords an administrator set that must be changed at the next sign-in, and the TOTP second factor
-- with its one-time recovery codes. Kept in the database so that a restart or a second node keeps them.

create table signin_throttle (
  kind            varchar(8) not null check (kind in ('ACCOUNT', 'ADDRESS')),
  -- the user name tried (also names no account has: they lock alike) or the client address
  subject         varchar(64) not null,
  failures        integer not null,
  last_failure_at timestamptz not null,
  locked_until    timestamptz,
  primary key (kind, subject)
);
create index signin_throttle_locked_idx on signin_throttle(locked_until) where locked_until is not null;

alter table account add column password_change_required boolean not null default false;

create table account_totp (
  account_id     bigint primary key references account(id) on delete cascade,
  -- the base32 secret, encrypted (AES-256-GCM, shared.crypto.PersonalDataCipher, field "account_totp.secret")
  secret         bytea not null,
  enabled_at     timestamptz not null default now(),
  -- the last 30-second step whose code was accepted: a code is never taken twice
  last_used_step bigint not null default 0
);

create table account_recovery_code (
  id         bigserial primary key,
  account_id bigint not null references account(id) on delete cascade,
  -- keyed hash (HMAC-SHA256) of the code; the code itself is shown once and never stored
  code_hash  bytea not null,
  used_at    timestamptz,
  unique (account_id, code_hash)
);
