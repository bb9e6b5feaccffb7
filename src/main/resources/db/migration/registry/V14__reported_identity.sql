-- Identity values as reported by a registration (door to door, roster row, portal self-report,
-- checkpoint hand-over, close contact) that differ from those of the registered person. A
-- registration never replaces a registered person's name, phone, residence or address: the differing
-- values are kept here, on the record that reported them (a returnee or an observation episode), until
-- a user whose jurisdiction covers that record adopts them into the person (audited) or keeps the
-- registered ones. Only the differing values are stored; the phone like person.phone (ciphertext and
-- keyed hash). Resolving clears the reported values.
create table reported_identity (
  id                      bigserial primary key,
  person_id               bigint not null references person(id),
  record_type             varchar(20) not null,      -- RETURNEE or EPISODE
  record_id               bigint not null,
  area_code               varchar(15) not null references area(code),  -- the record's area (jurisdiction)
  reported_name           text,
  reported_phone_enc      bytea,
  reported_phone_hash     bytea,
  reported_residence_code varchar(15) references area(code),
  reported_address        text,
  reported_at             timestamptz not null default now(),
  reported_by             varchar(64) not null,
  resolution              varchar(8),                -- ADOPTED or KEPT; null while open
  resolved_at             timestamptz,
  resolved_by             varchar(64),
  unique (record_type, record_id)
);
create index reported_identity_person_open_idx on reported_identity(person_id) where resolution is null;
