-- The referral chain's records in the daily facts (issue 13): isolations of suspected cases started and ended
-- (released or confirmed) and cases confirmed, per day and area (date-only facts: hour 0, checkpoint_code '').
-- Kept by the observation module's events IsolationStarted, IsolationEnded and CaseConfirmed; the rebuild counts
-- them from the observation module's tallies.
alter table dash_daily add column isolations_started   integer not null default 0;
alter table dash_daily add column isolations_released  integer not null default 0;
alter table dash_daily add column isolations_confirmed integer not null default 0;
alter table dash_daily add column cases_confirmed      integer not null default 0;
