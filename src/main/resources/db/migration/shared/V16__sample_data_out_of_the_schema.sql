-- Sample data leaves the schema: the Shenmu sample rows that earlier migrations inserted (marked sample = true, or
-- named 〔示例〕 where a table has no such column) are removed here in every database, so that a production start
-- has the real reference data only (divisions, the city's towns and street offices, the 338 road checkpoint) and an
-- empty grid for administrators to import. The demo and test profiles add the samples back from classpath:db/demo
-- (R__shenmu_sample_data.sql), which only they enable.
-- A sample row that live data refers to (a passage at a sample checkpoint, an account posted to a sample village, a
-- member of a sample working group, a directive addressed to it, ...) is kept: references without a foreign key (or
-- with a cascading one) are checked first, and each row is deleted on its own so that a foreign-key refusal leaves it.
do $$
declare
  r record;
begin
  for r in
    select 'party_branch' as t, id::text as k from party_branch where sample
    union all select 'warehouse', code from warehouse where sample
    union all select 'hotline', id::text from hotline where name like '%〔示例〕%'
    union all select 'transport_service', id::text from transport_service where sample
    union all select 'venue', id::text from venue where sample
    union all select 'public_event', id::text from public_event where sample
    union all select 'working_group', g.code from working_group g where g.sample
      and not exists (select 1 from working_group_member m where m.group_id = g.id)  -- would cascade
      and not exists (select 1 from directive_assignment a where a.assignee_type = 'GROUP' and a.assignee_ref = g.code)
    union all select 'leadership_member', id::text from leadership_member where sample
    union all select 'quarantine_site', id::text from quarantine_site where name like '%〔示例〕%'
    union all select 'checkpoint', c.code from checkpoint c where c.sample
      and not exists (select 1 from account_checkpoint k where k.checkpoint_code = c.code)
      and not exists (select 1 from screening_alert s where s.checkpoint_code = c.code)
  loop
    begin
      case r.t
        when 'party_branch' then delete from party_branch where id = r.k::bigint;
        when 'warehouse' then delete from warehouse where code = r.k;
        when 'hotline' then delete from hotline where id = r.k::bigint;
        when 'transport_service' then delete from transport_service where id = r.k::bigint;
        when 'venue' then delete from venue where id = r.k::bigint;
        when 'public_event' then delete from public_event where id = r.k::bigint;
        when 'working_group' then delete from working_group where code = r.k;
        when 'leadership_member' then delete from leadership_member where id = r.k::bigint;
        when 'quarantine_site' then delete from quarantine_site where id = r.k::bigint;
        when 'checkpoint' then delete from checkpoint where code = r.k;
      end case;
    exception when foreign_key_violation then
      null; -- referred to by live data: kept
    end;
  end loop;
  -- the sample grid, leaves first
  for r in select a.code from area a where a.sample
      and not exists (select 1 from referral f where f.area_code = a.code)
      and not exists (select 1 from directive_assignment d where d.assignee_type = 'AREA' and d.assignee_ref = a.code)
      order by length(a.code) desc, a.code loop
    begin
      delete from area where code = r.code;
    exception when foreign_key_violation then
      null;
    end;
  end loop;
end $$;
