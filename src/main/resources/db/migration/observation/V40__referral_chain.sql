-- The referral chain (issue 13): every outcome of a fever referral leads to a record someone follows up.
--   excluded  → observation continues (or starts, for a risk arrival or a contact referred at a checkpoint);
--   suspected → an isolation record at a designated isolation site, with its own checks and outcome;
--   confirmed → a case, with a contact-tracing task (fellow travellers of the same passages, close contacts).

-- Sites are for centralised observation or for isolation of suspected cases; one capacity each.
alter table quarantine_site add column purpose varchar(12) not null default 'OBSERVATION'
  check (purpose in ('OBSERVATION', 'ISOLATION'));

-- What a checkpoint referral knew of the arrival (the checkpoint's occupant, by id: no foreign key into its
-- tables), and where the person went after the outcome.
alter table referral add column occupant_id bigint;
alter table referral add column risk_arrival boolean not null default false;
alter table referral add column origin_code varchar(12);
alter table referral add column arrived_on date;
alter table referral add column followup_kind varchar(12)
  check (followup_kind in ('OBSERVATION', 'ISOLATION', 'CASE', 'NONE'));
alter table referral add column followup_id bigint;
create index referral_episode_open_idx on referral(episode_id) where outcome is null;

create table isolation (
  id          bigserial primary key,
  person_id   bigint not null references person(id),
  referral_id bigint not null unique references referral(id),
  episode_id  bigint references observation_episode(id),   -- the observation it ended, if any
  site_id     bigint not null references quarantine_site(id),
  area_code   varchar(15) not null references area(code),   -- the person's area (the referral's)
  started_on  date not null,
  status      varchar(12) not null check (status in ('ISOLATED', 'RELEASED', 'CONFIRMED')),
  ended_on    date,
  outcome_by  varchar(64),
  outcome_note text,
  followup_episode_id bigint references observation_episode(id),  -- observation resumed after a release
  created_by  varchar(64) not null,
  created_at  timestamptz not null default now(),
  check ((status = 'ISOLATED') = (ended_on is null))
);
-- one open isolation per person
create unique index isolation_open_person_idx on isolation(person_id) where status = 'ISOLATED';
create index isolation_area_idx on isolation(area_code text_pattern_ops, status);
create index isolation_site_idx on isolation(site_id) where status = 'ISOLATED';

create table isolation_check (
  id           bigserial primary key,
  isolation_id bigint not null references isolation(id),
  check_date   date not null,
  slot         varchar(8) not null,
  temperature  numeric(3,1) not null,
  symptoms     text[] not null default '{}',
  note         text,
  recorded_by  varchar(64) not null,
  recorded_at  timestamptz not null default now(),
  unique (isolation_id, check_date, slot)
);

-- A confirmed case: one per person, with its contact-tracing task.
create table confirmed_case (
  id               bigserial primary key,
  person_id        bigint not null unique references person(id),
  referral_id      bigint references referral(id),
  isolation_id     bigint references isolation(id),
  area_code        varchar(15) not null references area(code),
  confirmed_on     date not null,
  confirmed_by     varchar(64) not null,
  tracing_done_at  timestamptz,
  tracing_done_by  varchar(64),
  created_at       timestamptz not null default now()
);
create index confirmed_case_area_idx on confirmed_case(area_code text_pattern_ops, confirmed_on);

-- People who passed a checkpoint in the same vehicle as the case (the checkpoint's occupants, by id), found
-- through the checkpoint module's API when the case was confirmed; each may become a close contact.
create table case_traveller (
  id            bigserial primary key,
  case_id       bigint not null references confirmed_case(id),
  occupant_id   bigint not null,
  passage_id    bigint not null,
  travelled_on  date not null,
  contact_id    bigint references close_contact(id),
  dismissed_by  varchar(64),      -- judged no close contact (e.g. a separate compartment), with the reason
  dismissed_note text,
  dismissed_at  timestamptz,
  unique (case_id, occupant_id)
);
