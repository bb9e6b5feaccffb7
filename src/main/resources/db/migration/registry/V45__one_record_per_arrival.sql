-- One person, one arrival, one record. A returnee is identified by the person and the arrival: two records of the
-- same person whose arrival dates lie at most 2 days apart are the same arrival, whatever their source (checkpoint,
-- door to door, self-report, roster). The earlier registrations did not check this, so a database may hold
-- duplicates: they are merged here into the oldest record of each arrival (registered first), the others kept as
-- tombstones (merged_into) so that a retried request or event with their source reference finds the kept record,
-- and other modules' references to them can be moved by those modules (returnee_merge, announced at start-up as
-- ReturneesMerged). Then a constraint keeps it so: concurrent registrations cannot double an arrival.
create extension if not exists btree_gist;

alter table returnee add column merged_into bigint references returnee(id);

create table returnee_merge (
  merged_id    bigint primary key references returnee(id),
  kept_id      bigint not null references returnee(id),
  person_id    bigint not null references person(id),
  merged_at    timestamptz not null default now(),
  merged_by    varchar(64) not null,
  announced_at timestamptz              -- when ReturneesMerged was published for it (and the audit entry written)
);
create index returnee_merge_unannounced_idx on returnee_merge(merged_id) where announced_at is null;
create index returnee_merged_into_idx on returnee(merged_into) where merged_into is not null;

-- In the order they were registered: a record whose arrival lies within 2 days of an earlier kept record of the
-- same person is merged into the earliest such record (what the rule would have answered had it held from the start).
do $$
declare
  r    record;
  kept bigint;
begin
  for r in
    select t.id, t.person_id, t.arrived_on, t.created_at from returnee t
    where exists (select 1 from returnee o where o.person_id = t.person_id and o.id <> t.id
                    and o.arrived_on between t.arrived_on - 2 and t.arrived_on + 2)
    order by t.created_at, t.id
  loop
    select s.id into kept from returnee s
    where s.person_id = r.person_id and s.id <> r.id and s.merged_into is null
      and s.arrived_on between r.arrived_on - 2 and r.arrived_on + 2
      and (s.created_at, s.id) < (r.created_at, r.id)
    order by s.created_at, s.id limit 1;
    if kept is not null then
      update returnee set merged_into = kept where id = r.id;
      insert into returnee_merge(merged_id, kept_id, person_id, merged_by) values (r.id, kept, r.person_id, 'migration V45');
    end if;
  end loop;
end $$;

-- The kept record takes what it lacks from the merged ones (never replacing a value it has)...
update returnee k set
  origin_code         = coalesce(k.origin_code, m.origin_code),
  left_risk_area_on   = coalesce(k.left_risk_area_on, m.left_risk_area_on),
  transport_mode      = coalesce(k.transport_mode, m.transport_mode),
  transport_detail    = coalesce(k.transport_detail, m.transport_detail),
  companions          = coalesce(k.companions, m.companions),
  destination_address = coalesce(k.destination_address, m.destination_address),
  responsible_username = coalesce(k.responsible_username, m.responsible_username)
from (select g.kept_id,
             (array_agg(d.origin_code order by d.created_at, d.id) filter (where d.origin_code is not null))[1] as origin_code,
             (array_agg(d.left_risk_area_on order by d.created_at, d.id) filter (where d.left_risk_area_on is not null))[1] as left_risk_area_on,
             (array_agg(d.transport_mode order by d.created_at, d.id) filter (where d.transport_mode is not null))[1] as transport_mode,
             (array_agg(d.transport_detail order by d.created_at, d.id) filter (where d.transport_detail is not null))[1] as transport_detail,
             (array_agg(d.companions order by d.created_at, d.id) filter (where d.companions is not null))[1] as companions,
             (array_agg(d.destination_address order by d.created_at, d.id) filter (where d.destination_address is not null))[1] as destination_address,
             (array_agg(d.responsible_username order by d.created_at, d.id) filter (where d.responsible_username is not null))[1] as responsible_username
      from returnee_merge g join returnee d on d.id = g.merged_id
      group by g.kept_id) m
where k.id = m.kept_id;

-- ...and a kept self-report that staff registered again is verified: it takes the latest staff record's status
update returnee k set status = m.status, verified = true
from (select distinct on (g.kept_id) g.kept_id, d.status from returnee_merge g join returnee d on d.id = g.merged_id
      where d.status <> 'UNVERIFIED' order by g.kept_id, d.created_at desc, d.id desc) m
where k.id = m.kept_id and k.status = 'UNVERIFIED';

-- An open identity report of a merged record moves to the kept one when that has none (a record keeps one report)
update reported_identity ri set record_id = c.kept_id, area_code = c.destination_code
from (select distinct on (g.kept_id) g.kept_id, k.destination_code, o.id as report_id
      from returnee_merge g
      join returnee k on k.id = g.kept_id
      join reported_identity o on o.record_type = 'RETURNEE' and o.record_id = g.merged_id
      where not exists (select 1 from reported_identity x where x.record_type = 'RETURNEE' and x.record_id = g.kept_id)
      order by g.kept_id, o.reported_at, o.id) c
where ri.id = c.report_id;

-- At most one record per person and arrival: live records of a person lie at least 3 days apart
-- ([arrived_on, arrived_on + 3) ranges never overlap)
alter table returnee add constraint returnee_one_record_per_arrival
  exclude using gist (person_id with =, daterange(arrived_on, arrived_on + 3) with &&) where (merged_into is null);
