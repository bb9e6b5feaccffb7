-- 14-day medical observation: quarantine sites, episodes, twice-daily checks, referrals to fever
-- clinics with outcomes, close contacts and the villages' daily reports (零报告).
create table quarantine_site (
  id        bigserial primary key,
  name      text not null,
  area_code varchar(15) not null references area(code),
  address   text,
  capacity  integer not null check (capacity >= 0),
  active    boolean not null default true
);
insert into quarantine_site(name, area_code, address, capacity) values
('神木市集中医学观察点一〔示例〕', '610881003', '麟州街道〔示例地址〕', 60),
('神木市集中医学观察点二〔示例〕', '610881001', '滨河新区街道〔示例地址〕', 40);

create table observation_episode (
  id                   bigserial primary key,
  person_id            bigint not null references person(id),
  returnee_id          bigint references returnee(id),
  kind                 varchar(12) not null,          -- HOME or CENTRALISED
  site_id              bigint references quarantine_site(id),
  area_code            varchar(15) not null references area(code),
  reason               varchar(16) not null,          -- RISK_ARRIVAL, CLOSE_CONTACT, OTHER
  start_date           date not null,
  planned_end          date not null,
  responsible_username varchar(64),
  status               varchar(12) not null,          -- ACTIVE, REFERRED, ISOLATED, CONFIRMED, RELEASED
  ended_on             date,
  source_ref           text not null unique,
  created_at           timestamptz not null default now(),
  check (planned_end >= start_date)
);
create index episode_area_status_idx on observation_episode(area_code text_pattern_ops, status);
create index episode_person_idx on observation_episode(person_id);
create index episode_status_end_idx on observation_episode(status, planned_end);
create index episode_site_idx on observation_episode(site_id) where site_id is not null;

create table observation_check (
  id          bigserial primary key,
  episode_id  bigint not null references observation_episode(id),
  check_date  date not null,
  slot        varchar(8) not null,                     -- MORNING or EVENING
  missed      boolean not null default false,
  temperature numeric(3,1),
  symptoms    text[] not null default '{}',
  note        text,
  abnormal    boolean not null default false,
  recorded_by varchar(64),
  recorded_at timestamptz not null default now(),
  unique (episode_id, check_date, slot)
);
create index check_date_idx on observation_check(check_date, missed);

create table referral (
  id          bigserial primary key,
  person_id   bigint not null references person(id),
  episode_id  bigint references observation_episode(id),
  source      varchar(16) not null,                    -- CHECKPOINT or OBSERVATION
  source_ref  text not null unique,
  area_code   varchar(15) not null,
  raised_at   timestamptz not null,
  temperature numeric(3,1),
  symptoms    text[] not null default '{}',
  outcome     varchar(12),                             -- EXCLUDED, SUSPECTED, CONFIRMED
  outcome_at  timestamptz,
  outcome_by  varchar(64),
  clinic      text,
  note        text
);
create index referral_open_idx on referral(area_code text_pattern_ops, raised_at desc) where outcome is null;
create index referral_person_idx on referral(person_id);

create table close_contact (
  id                bigserial primary key,
  case_person_id    bigint not null references person(id),
  contact_person_id bigint not null references person(id),
  exposure_date     date not null,
  episode_id        bigint references observation_episode(id),
  created_by        varchar(64) not null,
  created_at        timestamptz not null default now(),
  unique (case_person_id, contact_person_id, exposure_date)
);

create table village_report (
  area_code        varchar(15) not null references area(code),
  report_date      date not null,
  new_returnees    integer not null,
  under_observation integer not null,
  abnormal         integer not null,
  note             text,
  zero_report      boolean not null,
  submitted_by     varchar(64) not null,
  submitted_at     timestamptz not null default now(),
  primary key (area_code, report_date)
);
