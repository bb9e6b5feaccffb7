-- The health code (健康码). The person ids and area codes are the registry's and the area tree's (no foreign keys
-- across modules).

-- This platform's signing keys (Ed25519). One signs at a time; a retired key stays published until its codes expired.
create table health_code_key (
  kid          varchar(64) primary key,
  public_key   bytea not null,               -- the raw 32-byte public key (the JWK's "x")
  private_key  bytea not null,               -- PKCS#8, encrypted with the personal-data key
  created_at   timestamptz not null default now(),
  retired_at   timestamptz
);
create unique index health_code_key_one_active on health_code_key ((true)) where retired_at is null;

-- Keys of other issuers whose codes verify here (mutual recognition), added by an administrator.
create table health_code_trusted_key (
  id          bigserial primary key,
  issuer      varchar(200) not null,
  kid         varchar(64) not null,
  public_key  bytea not null,
  name        varchar(200) not null,
  added_by    varchar(64) not null,
  added_at    timestamptz not null default now(),
  removed_at  timestamptz,
  removed_by  varchar(64)
);
create unique index health_code_trusted_key_active on health_code_trusted_key (issuer, kid) where removed_at is null;

-- A person's code: one code id per colour period; a change of colour revokes it and starts the next.
create sequence health_code_revocation_seq;
create table health_code (
  code_id         varchar(32) primary key,   -- opaque: 128 random bits, base64url
  person_id       bigint not null,
  color           varchar(6) not null check (color in ('GREEN', 'YELLOW', 'RED')),
  reasons         text[] not null default '{}',
  issued_at       timestamptz not null default now(),
  assessed_at     timestamptz not null default now(),
  revoked_at      timestamptz,
  revocation_seq  bigint unique,
  check ((revoked_at is null) = (revocation_seq is null))
);
create unique index health_code_current on health_code(person_id) where revoked_at is null;
create index health_code_revocations on health_code(revocation_seq) where revocation_seq is not null;
create index health_code_not_green on health_code(assessed_at) where revoked_at is null and color <> 'GREEN';

-- Health declarations on the portal (健康申报), idempotent on the device's client id.
create table health_declaration (
  id              bigserial primary key,
  client_id       uuid not null unique,
  person_id       bigint not null,
  residence_code  varchar(15) not null,
  stays           text[] not null default '{}',   -- division codes of places stayed outside the city, last 14 days
  arrived_on      date,                          -- when the person came to the city after those stays
  symptoms        text[] not null default '{}',
  referral_id     bigint,                        -- the fever referral the symptoms raised
  declared_at     timestamptz not null default now(),
  client_address  varchar(64)
);
create index health_declaration_person on health_declaration(person_id, declared_at desc);

-- Secret links with which a person reopens their code on the same phone; revocable.
create table health_code_link (
  id            bigserial primary key,
  secret_hash   bytea not null unique,            -- SHA-256 of the secret in the link
  person_id     bigint not null,
  created_at    timestamptz not null default now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
create index health_code_link_person on health_code_link(person_id) where revoked_at is null;
