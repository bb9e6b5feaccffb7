-- Data that expires (issue 17): passages, their occupants and the screening alerts are kept in monthly partitions
-- (declarative range partitioning on the passage's city date recorded_on), so that retention drops a whole month
-- at once instead of deleting rows. Occupants and alerts carry their passage's recorded_on; keys and foreign keys
-- are composite (id, recorded_on). A default partition takes any row whose month has no partition yet, so an insert
-- never fails; PassagePartitions creates the coming months ahead (at start-up and daily) and moves such rows.
--
-- A partitioned table cannot keep client_id unique on its own, so a small unpartitioned table does: a device's retry
-- of the same passage (same client id) still finds the first one, whatever its month.
--
-- The existing rows are copied into the new tables (same ids, same sequences).

alter table screening_alert rename to screening_alert_unpartitioned;
alter table occupant rename to occupant_unpartitioned;
alter table passage rename to passage_unpartitioned;
alter sequence passage_id_seq owned by none;
alter sequence occupant_id_seq owned by none;
alter sequence screening_alert_id_seq owned by none;
alter table screening_alert_unpartitioned alter column id drop default;
alter table occupant_unpartitioned alter column id drop default;
alter table passage_unpartitioned alter column id drop default;
-- the old tables' index and constraint names are taken again below
alter table passage_unpartitioned rename constraint passage_pkey to passage_unpartitioned_pkey;
alter table passage_unpartitioned rename constraint passage_client_id_key to passage_unpartitioned_client_id_key;
alter table occupant_unpartitioned rename constraint occupant_pkey to occupant_unpartitioned_pkey;
alter table occupant_unpartitioned rename constraint occupant_passage_id_seq_key to occupant_unpartitioned_passage_id_seq_key;
alter table screening_alert_unpartitioned rename constraint screening_alert_pkey to screening_alert_unpartitioned_pkey;
alter table screening_alert_unpartitioned rename constraint screening_alert_occupant_id_kind_key
  to screening_alert_unpartitioned_occupant_id_kind_key;
drop index passage_checkpoint_day_idx;
drop index passage_plate_idx;
drop index occupant_id_hash_idx;
drop index occupant_phone_hash_idx;
drop index screening_alert_open_idx;

create table passage (
  id               bigint not null default nextval('passage_id_seq'),
  client_id        uuid not null,
  checkpoint_code  varchar(16) not null references checkpoint(code),
  direction        varchar(8) not null,
  plate_number     varchar(10),
  vehicle_type     varchar(24) not null,
  origin_code      varchar(6) not null references division(code),
  destination_code varchar(15) references area(code),
  disinfected      boolean not null,
  recorded_at      timestamptz not null,
  recorded_on      date not null,      -- recorded_at's date in the city's time zone: the partition key
  recorded_by      varchar(64) not null,
  created_at       timestamptz not null default now(),
  plate_kind       varchar(16),
  primary key (id, recorded_on),
  constraint passage_plate_kind_check check ((plate_number is null) = (plate_kind is null))
) partition by range (recorded_on);
alter sequence passage_id_seq owned by passage.id;

-- One row per client id ever stored: the idempotency of registrations across partitions.
create table passage_client (
  client_id   uuid primary key,
  passage_id  bigint not null,
  recorded_on date not null
);
create index passage_client_month_idx on passage_client(recorded_on);

create table occupant (
  id                bigint not null default nextval('occupant_id_seq'),
  passage_id        bigint not null,
  recorded_on       date not null,     -- the passage's
  seq               smallint not null,
  name              text not null,
  id_type           varchar(16) not null,
  id_number_enc     bytea not null,
  id_number_hash    bytea not null,
  phone_enc         bytea,
  phone_hash        bytea,
  temperature       numeric(3,1) not null,
  symptoms          text[] not null default '{}',
  risk_area_stay    boolean not null default false,
  case_contact      boolean not null default false,
  disposition       varchar(20) not null,
  health_code_color varchar(6) check (health_code_color in ('GREEN', 'YELLOW', 'RED')),
  health_code_id    varchar(64),
  primary key (id, recorded_on),
  unique (passage_id, recorded_on, seq),
  foreign key (passage_id, recorded_on) references passage(id, recorded_on) on delete cascade
) partition by range (recorded_on);
alter sequence occupant_id_seq owned by occupant.id;

create table screening_alert (
  id               bigint not null default nextval('screening_alert_id_seq'),
  kind             varchar(24) not null,            -- FEVER_REFERRAL or RISK_ARRIVAL
  occupant_id      bigint not null,
  passage_id       bigint not null,
  recorded_on      date not null,                   -- the passage's
  checkpoint_code  varchar(16) not null,
  town_code        varchar(15) not null,
  destination_code varchar(15),
  raised_at        timestamptz not null,
  acknowledged_at  timestamptz,
  acknowledged_by  varchar(64),
  primary key (id, recorded_on),
  unique (occupant_id, recorded_on, kind),
  foreign key (occupant_id, recorded_on) references occupant(id, recorded_on) on delete cascade,
  foreign key (passage_id, recorded_on) references passage(id, recorded_on) on delete cascade
) partition by range (recorded_on);
alter sequence screening_alert_id_seq owned by screening_alert.id;

create table passage_default partition of passage default;
create table occupant_default partition of occupant default;
create table screening_alert_default partition of screening_alert default;

-- One partition per month from the oldest stored passage (or this month) to three months ahead.
do $$
declare
  m    date;
  last date := (date_trunc('month', current_date) + interval '3 months')::date;
begin
  m := date_trunc('month', least(current_date, coalesce((select min(recorded_on) from passage_unpartitioned), current_date)))::date;
  while m <= last loop
    execute format('create table %I partition of passage for values from (%L) to (%L)',
                   'passage_p' || to_char(m, 'YYYYMM'), m, (m + interval '1 month')::date);
    execute format('create table %I partition of occupant for values from (%L) to (%L)',
                   'occupant_p' || to_char(m, 'YYYYMM'), m, (m + interval '1 month')::date);
    execute format('create table %I partition of screening_alert for values from (%L) to (%L)',
                   'screening_alert_p' || to_char(m, 'YYYYMM'), m, (m + interval '1 month')::date);
    m := (m + interval '1 month')::date;
  end loop;
end $$;

insert into passage(id, client_id, checkpoint_code, direction, plate_number, vehicle_type, origin_code, destination_code,
                    disinfected, recorded_at, recorded_on, recorded_by, created_at, plate_kind)
select id, client_id, checkpoint_code, direction, plate_number, vehicle_type, origin_code, destination_code,
       disinfected, recorded_at, recorded_on, recorded_by, created_at, plate_kind
from passage_unpartitioned;
insert into passage_client(client_id, passage_id, recorded_on) select client_id, id, recorded_on from passage_unpartitioned;

insert into occupant(id, passage_id, recorded_on, seq, name, id_type, id_number_enc, id_number_hash, phone_enc, phone_hash,
                     temperature, symptoms, risk_area_stay, case_contact, disposition, health_code_color, health_code_id)
select o.id, o.passage_id, p.recorded_on, o.seq, o.name, o.id_type, o.id_number_enc, o.id_number_hash, o.phone_enc,
       o.phone_hash, o.temperature, o.symptoms, o.risk_area_stay, o.case_contact, o.disposition, o.health_code_color,
       o.health_code_id
from occupant_unpartitioned o join passage_unpartitioned p on p.id = o.passage_id;

insert into screening_alert(id, kind, occupant_id, passage_id, recorded_on, checkpoint_code, town_code, destination_code,
                            raised_at, acknowledged_at, acknowledged_by)
select a.id, a.kind, a.occupant_id, a.passage_id, p.recorded_on, a.checkpoint_code, a.town_code, a.destination_code,
       a.raised_at, a.acknowledged_at, a.acknowledged_by
from screening_alert_unpartitioned a join passage_unpartitioned p on p.id = a.passage_id;

drop table screening_alert_unpartitioned;
drop table occupant_unpartitioned;
drop table passage_unpartitioned;

-- the same indexes as before, now on every partition
create index passage_checkpoint_day_idx on passage(checkpoint_code, recorded_on, recorded_at desc, id desc);
create index passage_plate_idx on passage(plate_number text_pattern_ops, recorded_on);
create index occupant_id_hash_idx on occupant(id_number_hash);
create index occupant_phone_hash_idx on occupant(phone_hash);
create index screening_alert_open_idx on screening_alert(raised_at desc) where acknowledged_at is null;

-- What retention keeps of a dropped month: the passages' counts per day, hour and checkpoint (the same figures
-- PassageRepository.tallies counts from the rows), so that statistics and the dashboard's rebuild still count them.
create table passage_tally_archive (
  recorded_on     date        not null,
  hour            smallint    not null,
  town_code       varchar(15) not null,
  checkpoint_code varchar(16) not null,
  passages        bigint      not null,
  vehicles        bigint      not null,
  disinfected     bigint      not null,
  people          bigint      not null,
  fever           bigint      not null,
  risk            bigint      not null,
  primary key (recorded_on, hour, checkpoint_code, town_code)
);

-- The application's database role may not create or drop tables (it is not the schema owner): these two functions,
-- owned by the schema owner and run with its rights (security definer), are the only DDL it can cause. Both take
-- a transaction-level advisory lock, so two nodes doing the same at once wait for each other and the second finds
-- the work done.

-- Creates the month's partitions of passage, occupant and screening_alert unless they exist (false then). Rows of
-- that month waiting in the default partitions (stored while the month had no partition) are moved into them.
create function cordon_create_passage_month(month_start date) returns boolean
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  m      date := date_trunc('month', month_start)::date;
  n      date := (date_trunc('month', month_start) + interval '1 month')::date;
  suffix text := to_char(month_start, 'YYYYMM');
  t      text;
begin
  perform pg_advisory_xact_lock(1885434484);
  if to_regclass('passage_p' || suffix) is not null then
    return false;
  end if;
  if not exists (select 1 from passage_default where recorded_on >= m and recorded_on < n) then
    foreach t in array array['passage', 'occupant', 'screening_alert'] loop
      execute format('create table %I partition of %I for values from (%L) to (%L)', t || '_p' || suffix, t, m, n);
    end loop;
    return true;
  end if;
  -- a new partition may not overlap rows of the default one: copy them into standalone tables, delete them from
  -- the default partitions (alerts and occupants go with their passage) and attach the tables
  foreach t in array array['passage', 'occupant', 'screening_alert'] loop
    execute format('create table %I (like %I including defaults including constraints)', t || '_p' || suffix, t);
    execute format('insert into %I select * from %I where recorded_on >= %L and recorded_on < %L',
                   t || '_p' || suffix, t || '_default', m, n);
  end loop;
  delete from passage_default where recorded_on >= m and recorded_on < n;
  foreach t in array array['passage', 'occupant', 'screening_alert'] loop
    execute format('alter table %I attach partition %I for values from (%L) to (%L)', t, t || '_p' || suffix, m, n);
  end loop;
  return true;
end $$;

-- Drops the month's partitions of the three tables, after adding the counts of their passages to
-- passage_tally_archive (per day, hour in the time zone tz, town and checkpoint) and deleting their client ids.
-- Passages with an occupant whose ID-number hash is in held_hashes are kept with all their occupants and alerts:
-- once the month has no partition they go to the default partitions, under the same ids. Returns what was dropped
-- and how many passages were kept; no row when the month has no partitions.
create function cordon_drop_passage_month(month_start date, held_hashes bytea[], tz text)
returns table (passages bigint, occupants bigint, alerts bigint, held bigint)
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  m      date := date_trunc('month', month_start)::date;
  n      date := (date_trunc('month', month_start) + interval '1 month')::date;
  suffix text := to_char(month_start, 'YYYYMM');
  p      text := 'passage_p' || to_char(month_start, 'YYYYMM');
  o      text := 'occupant_p' || to_char(month_start, 'YYYYMM');
  a      text := 'screening_alert_p' || to_char(month_start, 'YYYYMM');
  t      text;
  n_passages bigint; n_occupants bigint; n_alerts bigint; n_held bigint;
begin
  perform pg_advisory_xact_lock(1885434484);
  if to_regclass(p) is null then
    return;
  end if;
  drop table if exists pg_temp.held_passage, pg_temp.held_occupant, pg_temp.held_alert;
  execute format('create temporary table held_passage on commit drop as select * from %I x where exists '
                 '(select 1 from %I y where y.passage_id = x.id and y.id_number_hash = any($1))', p, o) using held_hashes;
  execute format('create temporary table held_occupant on commit drop as select * from %I where passage_id in (select id from held_passage)', o);
  execute format('create temporary table held_alert on commit drop as select * from %I where passage_id in (select id from held_passage)', a);
  select count(*) into n_held from held_passage;
  execute format('select count(*) from %I', p) into n_passages;
  execute format('select count(*) from %I', o) into n_occupants;
  execute format('select count(*) from %I', a) into n_alerts;
  execute format($q$
      insert into passage_tally_archive(recorded_on, hour, town_code, checkpoint_code, passages, vehicles, disinfected, people, fever, risk)
      select x.recorded_on, extract(hour from x.recorded_at at time zone %L)::int, c.town_code, x.checkpoint_code,
             count(*), count(*) filter (where x.vehicle_type <> 'PEDESTRIAN'), count(*) filter (where x.disinfected),
             coalesce(sum(y.people), 0), coalesce(sum(y.fever), 0), coalesce(sum(y.risk), 0)
      from %I x join checkpoint c on c.code = x.checkpoint_code
      left join (select passage_id, count(*) as people,
                        count(*) filter (where disposition = 'FEVER_REFERRAL') as fever,
                        count(*) filter (where disposition = 'HOME_OBSERVATION') as risk
                 from %I group by passage_id) y on y.passage_id = x.id
      where x.id not in (select id from held_passage)
      group by 1, 2, 3, 4
      on conflict (recorded_on, hour, checkpoint_code, town_code) do update set
        passages = passage_tally_archive.passages + excluded.passages,
        vehicles = passage_tally_archive.vehicles + excluded.vehicles,
        disinfected = passage_tally_archive.disinfected + excluded.disinfected,
        people = passage_tally_archive.people + excluded.people,
        fever = passage_tally_archive.fever + excluded.fever,
        risk = passage_tally_archive.risk + excluded.risk$q$, tz, p, o);
  delete from passage_client k where k.recorded_on >= m and k.recorded_on < n and k.passage_id not in (select id from held_passage);
  -- referencing tables first: a partition of a referenced table detaches once no row refers to it
  foreach t in array array['screening_alert', 'occupant', 'passage'] loop
    execute format('alter table %I detach partition %I', t, t || '_p' || suffix);
    execute format('drop table %I', t || '_p' || suffix);
  end loop;
  insert into passage select * from held_passage;
  insert into occupant select * from held_occupant;
  insert into screening_alert select * from held_alert;
  passages := n_passages - n_held;
  occupants := n_occupants - (select count(*) from held_occupant);
  alerts := n_alerts - (select count(*) from held_alert);
  held := n_held;
  return next;
end $$;
