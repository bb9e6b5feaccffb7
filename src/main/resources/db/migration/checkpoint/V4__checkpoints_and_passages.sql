-- Road checkpoints, screening rules (configuration, not constants), passages with their
-- occupants, and the alert board for fever referrals and risk arrivals.
create table checkpoint (
  code      varchar(16) primary key,
  name      text not null,
  town_code varchar(15) not null references area(code),
  road      text,
  kind      varchar(24) not null,
  active    boolean not null default true,
  sample    boolean not null default true
);
create index checkpoint_town_idx on checkpoint(town_code);

insert into checkpoint(code, name, town_code, road, kind, sample) values
('KK01','338国道后鸡陕蒙界检查点','610881106','G338','PROVINCE_BORDER',false),
('KK02','包府公路大柳塔陕蒙界检查点〔示例〕','610881104','S301','PROVINCE_BORDER',true),
('KK03','店塔镇包茂高速出口检查点〔示例〕','610881102','G65','HIGHWAY_EXIT',true),
('KK04','孙家岔镇入口检查点〔示例〕','610881103','S204','TOWN_ENTRANCE',true),
('KK05','高家堡镇榆神界检查点〔示例〕','610881101','S204','CITY_BORDER',true),
('KK06','花石崖镇晋陕界检查点〔示例〕','610881105','S249','PROVINCE_BORDER',true),
('KK07','贺家川镇黄河大桥检查点〔示例〕','610881107','S249','PROVINCE_BORDER',true),
('KK08','尔林兔镇陕蒙界检查点〔示例〕','610881108','X301','PROVINCE_BORDER',true),
('KK09','万镇黄河渡口检查点〔示例〕','610881109','X302','PROVINCE_BORDER',true),
('KK10','大保当镇榆神高速出口检查点〔示例〕','610881110','G1812','HIGHWAY_EXIT',true),
('KK11','马镇入口检查点〔示例〕','610881111','X303','TOWN_ENTRANCE',true),
('KK12','栏杆堡镇府神界检查点〔示例〕','610881112','S204','CITY_BORDER',true),
('KK13','沙峁镇晋陕界检查点〔示例〕','610881113','X304','PROVINCE_BORDER',true),
('KK14','锦界镇神佳米高速出口检查点〔示例〕','610881114','G1812','HIGHWAY_EXIT',true);

create table screening_rules (
  id              smallint primary key check (id = 1),
  fever_threshold numeric(3,1) not null check (fever_threshold between 35.0 and 40.0),
  updated_at      timestamptz not null default now(),
  updated_by      varchar(64)
);
insert into screening_rules(id, fever_threshold) values (1, 37.3);

create table risk_area (
  id          bigserial primary key,
  code_prefix varchar(6) not null,
  name        text not null,
  valid_from  date not null,
  valid_to    date,
  created_at  timestamptz not null default now(),
  created_by  varchar(64),
  check (valid_to is null or valid_to >= valid_from)
);
insert into risk_area(code_prefix, name, valid_from, created_by) values ('42', '湖北省', date '2020-01-23', 'system');

create table passage (
  id               bigserial primary key,
  client_id        uuid not null unique,
  checkpoint_code  varchar(16) not null references checkpoint(code),
  direction        varchar(8) not null,
  plate_number     varchar(10),
  vehicle_type     varchar(24) not null,
  origin_code      varchar(6) not null references division(code),
  destination_code varchar(15) references area(code),
  disinfected      boolean not null,
  recorded_at      timestamptz not null,
  recorded_on      date not null,      -- recorded_at's date in the city's time zone
  recorded_by      varchar(64) not null,
  created_at       timestamptz not null default now()
);
create index passage_checkpoint_day_idx on passage(checkpoint_code, recorded_on, recorded_at desc, id desc);
create index passage_plate_idx on passage(plate_number text_pattern_ops, recorded_on);

create table occupant (
  id             bigserial primary key,
  passage_id     bigint not null references passage(id) on delete cascade,
  seq            smallint not null,
  name           text not null,
  id_type        varchar(16) not null,
  id_number_enc  bytea not null,
  id_number_hash bytea not null,
  phone_enc      bytea,
  phone_hash     bytea,
  temperature    numeric(3,1) not null,
  symptoms       text[] not null default '{}',
  risk_area_stay boolean not null default false,
  case_contact   boolean not null default false,
  disposition    varchar(20) not null,
  unique (passage_id, seq)
);
create index occupant_id_hash_idx on occupant(id_number_hash);
create index occupant_phone_hash_idx on occupant(phone_hash);

create table screening_alert (
  id               bigserial primary key,
  kind             varchar(24) not null,            -- FEVER_REFERRAL or RISK_ARRIVAL
  occupant_id      bigint not null references occupant(id) on delete cascade,
  passage_id       bigint not null references passage(id) on delete cascade,
  checkpoint_code  varchar(16) not null,
  town_code        varchar(15) not null,
  destination_code varchar(15),
  raised_at        timestamptz not null,
  acknowledged_at  timestamptz,
  acknowledged_by  varchar(64),
  unique (occupant_id, kind)
);
create index screening_alert_open_idx on screening_alert(raised_at desc) where acknowledged_at is null;
