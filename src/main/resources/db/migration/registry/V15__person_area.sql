-- Areas where a person is followed up besides their returnee records' destinations (registry-owned): other
-- modules that take a person on in an area — an observation episode, e.g. of a close contact — note the area
-- here through the registry's API, so that the registry's person search never reads another module's tables.
create table person_area (
  person_id  bigint      not null references person(id),
  area_code  varchar(15) not null references area(code),
  noted_at   timestamptz not null default now(),
  primary key (person_id, area_code)
);
create index person_area_code_idx on person_area(area_code text_pattern_ops);

-- the episodes started before this table existed
insert into person_area(person_id, area_code)
select distinct person_id, area_code from observation_episode
on conflict do nothing;
