-- The release notice's number of its year (issue 16), given when the notice is first printed; it used to show the
-- episode's database id.
alter table observation_episode add column release_notice_year integer, add column release_notice_number integer;
alter table observation_episode add constraint observation_episode_release_notice_uq unique (release_notice_year, release_notice_number);
alter table observation_episode add constraint observation_episode_release_notice_ck
  check ((release_notice_year is null) = (release_notice_number is null));
