-- Mobilisation: Party branches and members, pledges (请战书), duty rosters at the checkpoints,
-- volunteers and their tasks. Phones are encrypted (AES-GCM) with a keyed hash beside them.

create table party_branch (
  id                  bigserial primary key,
  name                varchar(100) not null,
  kind                varchar(16) not null check (kind in ('VILLAGE','ENTERPRISE','INSTITUTION','CHECKPOINT','COMPOUND')),
  temporary           boolean not null,
  parent_org          varchar(100),
  area_code           varchar(15) references area(code),
  checkpoint_code     varchar(16) references checkpoint(code),
  secretary_member_id bigint,
  sample              boolean not null default false,
  created_at          timestamptz not null default now(),
  check (temporary = (kind in ('CHECKPOINT','COMPOUND'))),
  check (kind <> 'CHECKPOINT' or checkpoint_code is not null),
  check (kind <> 'COMPOUND' or area_code is not null)
);
-- one temporary branch per checkpoint and per compound
create unique index party_branch_checkpoint_uq on party_branch(checkpoint_code) where kind = 'CHECKPOINT';
create unique index party_branch_compound_uq on party_branch(area_code) where kind = 'COMPOUND';
create index party_branch_area_idx on party_branch(area_code);
create index party_branch_name_idx on party_branch(name);

create table party_member (
  id              bigserial primary key,
  name            varchar(50) not null,
  phone_enc       bytea not null,
  phone_hash      bytea not null unique,
  unit            varchar(100),
  branch_id       bigint not null references party_branch(id),
  leave_cancelled boolean not null default false,
  current_post    varchar(100),
  account_id      bigint unique references account(id),
  created_at      timestamptz not null default now()
);
create index party_member_branch_idx on party_member(branch_id, name);

alter table party_branch add constraint party_branch_secretary_fk
  foreign key (secretary_member_id) references party_member(id) on delete set null;

create table pledge (
  id            bigserial primary key,
  member_id     bigint not null references party_member(id),
  signed_on     date not null,
  statement     varchar(2000) not null,
  status        varchar(16) not null default 'OPEN' check (status in ('OPEN','ASSIGNED')),
  assigned_post varchar(100),
  assigned_by   varchar(64),
  assigned_at   timestamptz,
  created_at    timestamptz not null default now()
);
create index pledge_status_idx on pledge(status, signed_on);
create index pledge_member_idx on pledge(member_id);

-- Shift times are local city time (cordon.time-zone); ends_at of the last slot is the next midnight.
create table duty_shift (
  id              bigserial primary key,
  checkpoint_code varchar(16) not null references checkpoint(code),
  shift_date      date not null,
  slot            int not null,
  starts_at       timestamp not null,
  ends_at         timestamp not null,
  required_crew   int not null check (required_crew between 1 and 20),
  unique (checkpoint_code, shift_date, slot),
  check (ends_at > starts_at)
);
create index duty_shift_date_idx on duty_shift(shift_date, checkpoint_code, slot);

create table duty_assignment (
  shift_id    bigint not null references duty_shift(id) on delete cascade,
  member_id   bigint not null references party_member(id),
  assigned_by varchar(64) not null,
  assigned_at timestamptz not null default now(),
  primary key (shift_id, member_id)
);
create index duty_assignment_member_idx on duty_assignment(member_id);

create table volunteer (
  id           bigserial primary key,
  name         varchar(50) not null,
  phone_enc    bytea not null,
  phone_hash   bytea not null unique,
  area_code    varchar(15) references area(code),
  organisation varchar(100),
  skills       varchar(200),
  availability varchar(200),
  status       varchar(16) not null default 'RESERVE' check (status in ('RESERVE','ACTIVE','INACTIVE')),
  source       varchar(16) not null check (source in ('PORTAL','STAFF')),
  signup_ref   bigint unique references volunteer_signup(id),
  created_at   timestamptz not null default now()
);
create index volunteer_status_idx on volunteer(status, name);
create index volunteer_area_idx on volunteer(area_code);

create table volunteer_task (
  id            bigserial primary key,
  title         varchar(100) not null,
  place         varchar(100) not null,
  area_code     varchar(15) references area(code),
  task_date     date not null,
  people_needed int not null check (people_needed between 1 and 1000),
  description   varchar(1000),
  created_by    varchar(64) not null,
  created_at    timestamptz not null default now()
);
create index volunteer_task_date_idx on volunteer_task(task_date desc, id);

create table volunteer_assignment (
  task_id      bigint not null references volunteer_task(id) on delete cascade,
  volunteer_id bigint not null references volunteer(id),
  hours        numeric(4,1) check (hours is null or (hours >= 0 and hours <= 24)),
  assigned_by  varchar(64) not null,
  assigned_at  timestamptz not null default now(),
  primary key (task_id, volunteer_id)
);
create index volunteer_assignment_volunteer_idx on volunteer_assignment(volunteer_id);

-- The temporary branch of the 338 national road checkpoint (DOMAIN.md); the others are examples 〔示例〕.
insert into party_branch(name, kind, temporary, parent_org, area_code, checkpoint_code, sample) values
('338国道后鸡陕蒙界检查点临时党支部', 'CHECKPOINT', true, '中共神木市中鸡镇委员会', '610881106', 'KK01', false),
('中鸡镇中鸡村党支部〔示例〕', 'VILLAGE', false, '中共神木市中鸡镇委员会', '610881106', null, true),
('孙家岔镇中心学校党支部〔示例〕', 'INSTITUTION', false, '中共神木市孙家岔镇委员会', '610881103', null, true),
('神木市某能源公司党支部〔示例〕', 'ENTERPRISE', false, '中共神木市委非公有制经济组织工委', '610881', null, true);
