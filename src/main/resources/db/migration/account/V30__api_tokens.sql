-- API tokens for checkpoint phones and integrations (issue 12): each acts as one account. Only the
-- SHA-256 of the token is kept (the token is 256 random bits, shown once when it is issued); the
-- prefix (the first characters) lets administrators tell tokens apart.
create table api_token (
  id                bigserial primary key,
  account_id        bigint not null references account(id),
  name              varchar(100) not null,
  kind              varchar(16) not null check (kind in ('DEVICE', 'INTEGRATION')),
  token_hash        bytea not null unique,
  token_prefix      varchar(16) not null,
  created_at        timestamptz not null default now(),
  created_by        varchar(64) not null,
  expires_at        timestamptz,
  last_used_at      timestamptz,
  last_used_address varchar(64),
  revoked_at        timestamptz,
  revoked_by        varchar(64)
);
create index api_token_account_idx on api_token(account_id);
