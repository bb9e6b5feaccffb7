-- Staff accounts with a role and a jurisdiction (an area node, or a set of checkpoints),
-- and the audit log of access to personal data and of exports.
create table account (
  id            bigserial primary key,
  username      varchar(64) not null unique,
  password_hash text not null,
  display_name  text not null,
  role          varchar(32) not null,
  area_code     varchar(15) references area(code),
  enabled       boolean not null default true,
  created_at    timestamptz not null default now()
);

create table account_checkpoint (
  account_id      bigint not null references account(id) on delete cascade,
  checkpoint_code varchar(16) not null,
  primary key (account_id, checkpoint_code)
);

create table audit_entry (
  id          bigserial primary key,
  at          timestamptz not null default now(),
  username    varchar(64) not null,
  action      varchar(32) not null,
  record_type varchar(32) not null,
  record_id   text,
  detail      text,
  client_address varchar(64)
);
create index audit_entry_at_idx on audit_entry(at desc);
create index audit_entry_user_idx on audit_entry(username, at desc);
create index audit_entry_record_idx on audit_entry(record_type, record_id);
