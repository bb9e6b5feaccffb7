-- Dashboard read models (指挥看板). Facts per day, hour (city time zone), area and checkpoint, kept up to
-- date by the other modules' events and rebuilt from the source tables on demand. Dashboard queries
-- read only these tables and the small reference tables (directives, stock balances, volunteers),
-- never passage / occupant / observation_check.
--
-- Grain: checkpoint facts (passages, vehicles, people, disinfected, fever referrals, risk arrivals)
-- carry the hour of the passage and the checkpoint's town as area_code; date-only facts (returnees,
-- observation episodes, checks, referral outcomes, donations) use hour 0, checkpoint_code '' and the
-- finest area code they have (destination / episode / referral area; the city for donations).
create table dash_daily (
  day                date not null,
  hour               smallint not null default 0 check (hour between 0 and 23),
  area_code          varchar(15) not null,
  checkpoint_code    varchar(16) not null default '',
  passages           integer not null default 0,
  vehicles           integer not null default 0,
  people             integer not null default 0,
  disinfected        integer not null default 0,
  fever_referrals    integer not null default 0,
  risk_arrivals      integer not null default 0,
  returnees          integer not null default 0,
  episodes_started   integer not null default 0,
  episodes_released  integer not null default 0,
  episodes_isolated  integer not null default 0,
  episodes_confirmed integer not null default 0,
  checks_missed      integer not null default 0,
  checks_abnormal    integer not null default 0,
  outcome_excluded   integer not null default 0,
  outcome_suspected  integer not null default 0,
  outcome_confirmed  integer not null default 0,
  donations          integer not null default 0,
  donation_amount    numeric(16,2) not null default 0,
  primary key (day, hour, area_code, checkpoint_code)
);
-- "under observation now" sums started - ended over all days of an area subtree
create index dash_daily_area_idx on dash_daily(area_code text_pattern_ops, day);

-- Events already applied to dash_daily (the publication registry may deliver an event again after a
-- crash): one row per (event kind, source reference); the listener's update and this row commit together.
create table dash_applied_event (
  kind       varchar(24) not null,
  source_ref varchar(64) not null,
  applied_at timestamptz not null default now(),
  primary key (kind, source_ref)
);

-- When the read models were last rebuilt from the source tables, by whom and how long it took.
create table dash_rebuild (
  id          bigserial primary key,
  rebuilt_at  timestamptz not null default now(),
  rebuilt_by  varchar(64) not null,
  rows        integer not null,
  millis      bigint not null
);
