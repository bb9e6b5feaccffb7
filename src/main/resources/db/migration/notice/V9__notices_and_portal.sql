-- Notices (通告) and what they close: venues, public events, transport services; the public portal's
-- advice articles and hotlines; self-reports (only a confirmation number and the client address: the
-- personal data goes to the registry) and volunteer sign-ups (phone encrypted, keyed hash for de-duplication).

-- Numbers are assigned at publication, per year, from this counter (an upsert locks the year's row).
create table notice_counter (
  year        integer primary key,
  last_number integer not null
);

create table notice (
  id             bigserial primary key,
  year           integer,
  number         integer,
  title          varchar(100) not null,
  body           text not null check (length(body) <= 10000),
  issuer         varchar(100) not null,
  categories     text[] not null default '{}',
  effective_from timestamptz not null,
  effective_to   timestamptz,
  status         varchar(12) not null default 'DRAFT' check (status in ('DRAFT', 'PUBLISHED', 'REVOKED')),
  published_at   timestamptz,
  published_by   varchar(64),
  revoked_at     timestamptz,
  revoked_by     varchar(64),
  revoke_reason  text,
  created_at     timestamptz not null default now(),
  created_by     varchar(64) not null,
  updated_at     timestamptz not null default now(),
  unique (year, number),
  check (effective_to is null or effective_to > effective_from),
  check (status = 'DRAFT' or (number is not null and year is not null and published_at is not null))
);
create index notice_status_idx on notice(status, effective_from);

create table notice_target (
  notice_id   bigint not null references notice(id) on delete cascade,
  target_type varchar(8) not null check (target_type in ('VENUE', 'EVENT', 'SERVICE')),
  target_id   bigint not null,
  primary key (notice_id, target_type, target_id)
);
create index notice_target_target_idx on notice_target(target_type, target_id);

create table venue (
  id        bigserial primary key,
  kind      varchar(16) not null check (kind in ('SCENIC_AREA', 'MUSEUM', 'MEMORIAL_HALL', 'EXHIBITION_HALL', 'CINEMA', 'THEATRE', 'OTHER')),
  name      varchar(100) not null unique,
  area_code varchar(15) references area(code),
  address   varchar(200),
  sample    boolean not null default false
);

create table public_event (
  id        bigserial primary key,
  name      varchar(100) not null unique,
  starts_on date,
  ends_on   date,
  place     varchar(200),
  sample    boolean not null default false,
  check (ends_on is null or starts_on is null or ends_on >= starts_on)
);

create table transport_service (
  id     bigserial primary key,
  kind   varchar(16) not null check (kind in ('CITY_BUS', 'SHUTTLE', 'OTHER')),
  name   varchar(100) not null unique,
  sample boolean not null default false
);

create table advice_article (
  id         bigserial primary key,
  title      varchar(100) not null,
  body       text not null check (length(body) <= 10000),
  published  boolean not null default true,
  sort       integer not null default 0,
  updated_at timestamptz not null default now(),
  updated_by varchar(64) not null
);

create table hotline (
  id    bigserial primary key,
  name  varchar(100) not null,
  phone varchar(30) not null,
  sort  integer not null default 0
);

create table self_report (
  id             bigserial primary key,
  confirmation   varchar(16) not null unique,
  created_at     timestamptz not null default now(),
  client_address varchar(64)
);

create table volunteer_signup (
  id           bigserial primary key,
  name         varchar(50) not null,
  phone_enc    bytea not null,
  phone_hash   bytea not null unique,
  area_code    varchar(15) references area(code),
  organisation varchar(100),
  skills       varchar(200),
  availability varchar(200),
  note         varchar(500),
  status       varchar(16) not null default 'RESERVE',
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now()
);

-- Venues named in the notices of 25 and 27 January 2020; invented examples are marked 〔示例〕.
insert into venue(kind, name, area_code, address, sample) values
('SCENIC_AREA', '石峁遗址', '610881101', '高家堡镇', false),
('SCENIC_AREA', '高家堡古镇', '610881101', '高家堡镇', false),
('SCENIC_AREA', '二郎山', '610881', '神木市区', false),
('SCENIC_AREA', '红碱淖', '610881108', '尔林兔镇', false),
('MUSEUM', '神木市博物馆〔示例〕', '610881003', '麟州街道〔示例地址〕', true),
('MEMORIAL_HALL', '神木市革命纪念馆〔示例〕', '610881002', '西沙街道〔示例地址〕', true),
('EXHIBITION_HALL', '神木市规划展览馆〔示例〕', '610881001', '滨河新区街道〔示例地址〕', true),
('CINEMA', '麟州影城〔示例〕', '610881003', '麟州街道〔示例地址〕', true),
('THEATRE', '神木大剧院〔示例〕', '610881001', '滨河新区街道〔示例地址〕', true);

insert into public_event(name, starts_on, ends_on, place, sample) values
('陕北年·看神木', '2020-01-24', '2020-02-08', '神木市区及各景区', false);

insert into transport_service(kind, name, sample) values
('CITY_BUS', '城区公交1路〔示例〕', true),
('CITY_BUS', '城区公交2路〔示例〕', true),
('CITY_BUS', '城区公交3路〔示例〕', true),
('SHUTTLE', '城市候机楼大巴', false);

insert into advice_article(title, body, published, sort, updated_by) values
('不串门、不拜年', '疫情防控期间，请尽量减少外出，不走亲访友、不串门拜年，可以用电话、视频等方式互致问候。从外地返回的人员请主动向所在村（社区）报告，并按要求居家医学观察14天。', true, 10, 'system'),
('不聚集、不聚餐', '请不参加聚会、聚餐、庙会等聚集性活动；婚事缓办、丧事简办、宴会不办。必须外出时避开人群密集场所，与他人保持一米以上距离。', true, 20, 'system'),
('勤洗手、戴口罩', '外出时正确佩戴口罩，回家后先洗手。用肥皂或洗手液在流动水下洗手不少于20秒；咳嗽、打喷嚏时用纸巾或手肘遮住口鼻。出现发热、咳嗽等症状时，请戴好口罩到发热门诊就诊，并主动告知旅行史。', true, 30, 'system');

insert into hotline(name, phone, sort) values
('12345 市民服务热线', '12345', 10),
('疫情防控咨询热线〔示例〕', '0912-0000000', 20),
('急救电话', '120', 30);
