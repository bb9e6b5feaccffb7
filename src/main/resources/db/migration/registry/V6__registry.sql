-- Person registry and returnees (来神/返乡人员). One person per identity document: the keyed hash
-- of "TYPE:NATIONALITY:NUMBER" is unique; the number itself and the phone are stored encrypted.
create table person (
  id             bigserial primary key,
  id_type        varchar(16) not null,
  nationality    varchar(3) not null default '',
  id_number_enc  bytea not null,
  id_number_hash bytea not null unique,
  name           text not null,
  sex            varchar(6),
  birth_date     date,
  phone_enc      bytea,
  phone_hash     bytea,
  residence_code varchar(15) references area(code),
  address        text,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now()
);
create index person_name_trgm_idx on person using gin (name gin_trgm_ops);
create index person_phone_hash_idx on person(phone_hash);
create index person_residence_idx on person(residence_code text_pattern_ops);

create table returnee (
  id                   bigserial primary key,
  person_id            bigint not null references person(id),
  origin_code          varchar(6) references division(code),
  left_risk_area_on    date,
  arrived_on           date not null,
  transport_mode       varchar(16),
  transport_detail     text,
  companions           text,
  destination_code     varchar(15) not null references area(code),
  destination_address  text,
  source               varchar(16) not null,
  source_ref           text not null,
  responsible_username varchar(64),
  status               varchar(20) not null,
  verified             boolean not null default true,
  created_at           timestamptz not null default now(),
  created_by           varchar(64) not null,
  unique (source, source_ref)
);
create index returnee_destination_idx on returnee(destination_code text_pattern_ops, arrived_on desc, id desc);
create index returnee_person_idx on returnee(person_id);
create index returnee_responsible_idx on returnee(responsible_username);
