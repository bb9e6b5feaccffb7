-- One person, one arrival, one record: an arrival (a returnee record) has at most one open observation episode.
-- Duplicate returnee records merged by the registry (V45) are announced as ReturneesMerged; the observation module
-- then merges their episodes into the oldest one and deletes the others, keeping here which episode (and source
-- reference) went into which, so that a retried event for a merged episode's source finds the kept one.
create table episode_merge (
  merged_episode_id bigint primary key,
  merged_source_ref text not null unique,
  kept_episode_id   bigint not null references observation_episode(id),
  merged_at         timestamptz not null default now()
);
create index episode_merge_kept_idx on episode_merge(kept_episode_id);

-- Open episodes of the same returnee record (none are expected: they were started once per record) are merged into
-- the oldest: its missed flags give way to the other's recorded checks, the other's checks of free slots, its
-- referrals and contacts move over, a pending referral keeps the kept episode referred.
do $$
declare
  d record;
begin
  for d in
    select e.id, e.source_ref, e.status, k.kept from observation_episode e
    join (select returnee_id, min(id) as kept from observation_episode
          where returnee_id is not null and status in ('ACTIVE', 'REFERRED')
          group by returnee_id having count(*) > 1) k on k.returnee_id = e.returnee_id
    where e.status in ('ACTIVE', 'REFERRED') and e.id <> k.kept
  loop
    update observation_check k set missed = false, temperature = c.temperature, symptoms = c.symptoms, note = c.note,
                                   abnormal = c.abnormal, recorded_by = c.recorded_by, recorded_at = c.recorded_at
    from observation_check c
    where c.episode_id = d.id and k.episode_id = d.kept and k.check_date = c.check_date and k.slot = c.slot
      and k.missed and not c.missed;
    update observation_check c set episode_id = d.kept
    where c.episode_id = d.id
      and not exists (select 1 from observation_check k where k.episode_id = d.kept and k.check_date = c.check_date and k.slot = c.slot);
    delete from observation_check where episode_id = d.id;
    update referral set episode_id = d.kept where episode_id = d.id;
    update close_contact set episode_id = d.kept where episode_id = d.id;
    if d.status = 'REFERRED' then
      update observation_episode set status = 'REFERRED' where id = d.kept and status = 'ACTIVE';
    end if;
    insert into episode_merge(merged_episode_id, merged_source_ref, kept_episode_id) values (d.id, d.source_ref, d.kept);
    delete from observation_episode where id = d.id;
  end loop;
end $$;

create unique index episode_one_open_per_returnee on observation_episode(returnee_id)
  where returnee_id is not null and status in ('ACTIVE', 'REFERRED');
