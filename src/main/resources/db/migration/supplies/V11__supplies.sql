-- Supplies (物资保障): items, warehouses, donations, campaigns, stock movements and balances,
-- requests from posts and dispatches. Movements are append-only; balances are derived from them
-- and kept in the same transaction as every movement (never negative).

create table supply_item (
  id        bigserial primary key,
  code      varchar(20) not null unique,
  name      varchar(100) not null,
  unit      varchar(20) not null,
  key_item  boolean not null default false,
  low_stock numeric(14,2) not null default 0 check (low_stock >= 0),
  sort      int not null default 0
);

insert into supply_item(code, name, unit, key_item, low_stock, sort) values
('MASK', '医用外科口罩', '只', true, 1000, 10),
('N95', 'N95口罩', '只', true, 200, 20),
('DISINF84', '84消毒液', '瓶', true, 50, 30),
('THERMO', '额温枪', '支', true, 10, 40),
('SUIT', '防护服', '套', true, 50, 50),
('GOGGLES', '护目镜', '副', false, 20, 60),
('GLOVES', '医用手套', '副', false, 200, 70);

create table warehouse (
  id        bigserial primary key,
  code      varchar(20) not null unique,
  name      varchar(100) not null,
  area_code varchar(15) references area(code),
  sample    boolean not null default false
);

insert into warehouse(code, name, area_code, sample) values
('WH01', '市物资储备库〔示例〕', '610881', true),
('WH02', '滨河新区物资中转站〔示例〕', null, true),
('WH03', '中鸡镇物资点〔示例〕', '610881106', true);

create table campaign (
  id         bigserial primary key,
  name       varchar(100) not null,
  organiser  varchar(100) not null,
  target     numeric(14,2) not null check (target > 0),
  starts_on  date not null,
  ends_on    date,
  created_by varchar(64) not null,
  created_at timestamptz not null default now(),
  check (ends_on is null or ends_on >= starts_on)
);

create sequence donation_receipt_seq;

create table donation (
  id             bigserial primary key,
  kind           varchar(10) not null check (kind in ('MONEY', 'GOODS')),
  donor_type     varchar(15) not null check (donor_type in ('PERSON', 'ORGANISATION', 'ANONYMOUS')),
  donor_name     varchar(100),
  show_name      boolean not null default false,
  amount         numeric(14,2),
  channel        varchar(20) not null check (channel in ('ON_SITE', 'BANK', 'CHARITY_PLATFORM', 'MAIL', 'OTHER')),
  designated_use varchar(200),
  recipient      varchar(100),
  receipt_number varchar(40) not null unique,
  received_on    date not null,
  campaign_id    bigint references campaign(id),
  warehouse_id   bigint references warehouse(id),
  recorded_by    varchar(64) not null,
  recorded_at    timestamptz not null default now(),
  check ((kind = 'MONEY' and amount > 0 and warehouse_id is null) or (kind = 'GOODS' and amount is null and warehouse_id is not null)),
  check (donor_type = 'ANONYMOUS' or donor_name is not null)
);
create index donation_received_idx on donation(received_on desc, id desc);
create index donation_campaign_idx on donation(campaign_id) where campaign_id is not null;

create table donation_line (
  id          bigserial primary key,
  donation_id bigint not null references donation(id),
  item_id     bigint not null references supply_item(id),
  quantity    numeric(14,2) not null check (quantity > 0)
);
create index donation_line_donation_idx on donation_line(donation_id);

create table supply_request (
  id             bigserial primary key,
  post_type      varchar(15) not null check (post_type in ('CHECKPOINT', 'COMPOUND', 'HOSPITAL', 'OTHER')),
  post_ref       varchar(20) not null,
  post_area_code varchar(15),
  post_name      varchar(100) not null,
  note           varchar(500),
  status         varchar(25) not null check (status in ('REQUESTED', 'APPROVED', 'PARTIALLY_DISPATCHED', 'DISPATCHED', 'RECEIVED', 'REJECTED')),
  requested_at   timestamptz not null,
  requested_by   varchar(64) not null,
  decided_at     timestamptz,
  decided_by     varchar(64),
  reject_reason  varchar(500),
  updated_at     timestamptz not null
);
create index supply_request_status_idx on supply_request(status, requested_at desc);
create index supply_request_by_idx on supply_request(requested_by, requested_at desc);
create index supply_request_post_idx on supply_request(post_ref);

create table request_line (
  id         bigserial primary key,
  request_id bigint not null references supply_request(id),
  item_id    bigint not null references supply_item(id),
  requested  numeric(14,2) not null check (requested > 0),
  approved   numeric(14,2) check (approved >= 0 and approved <= requested),
  dispatched numeric(14,2) not null default 0 check (dispatched >= 0 and dispatched <= coalesce(approved, 0)),
  unique (request_id, item_id)
);

create table dispatch (
  id            bigserial primary key,
  request_id    bigint not null references supply_request(id),
  warehouse_id  bigint not null references warehouse(id),
  dispatched_at timestamptz not null,
  dispatched_by varchar(64) not null,
  received_at   timestamptz,
  received_by   varchar(64)
);
create index dispatch_request_idx on dispatch(request_id);
create index dispatch_at_idx on dispatch(dispatched_at desc, id desc);

create table dispatch_line (
  id          bigserial primary key,
  dispatch_id bigint not null references dispatch(id),
  item_id     bigint not null references supply_item(id),
  quantity    numeric(14,2) not null check (quantity > 0)
);
create index dispatch_line_dispatch_idx on dispatch_line(dispatch_id);

create table stock_movement (
  id           bigserial primary key,
  item_id      bigint not null references supply_item(id),
  warehouse_id bigint not null references warehouse(id),
  kind         varchar(15) not null check (kind in ('DONATION_IN', 'PURCHASE_IN', 'DISPATCH_OUT', 'ADJUSTMENT')),
  quantity     numeric(14,2) not null check (quantity <> 0),
  reason       varchar(500),
  donation_id  bigint references donation(id),
  dispatch_id  bigint references dispatch(id),
  moved_at     timestamptz not null,
  moved_by     varchar(64) not null,
  check ((kind in ('DONATION_IN', 'PURCHASE_IN') and quantity > 0) or (kind = 'DISPATCH_OUT' and quantity < 0)
         or (kind = 'ADJUSTMENT' and reason is not null)),
  check (kind <> 'DONATION_IN' or donation_id is not null),
  check (kind <> 'DISPATCH_OUT' or dispatch_id is not null)
);
create index stock_movement_at_idx on stock_movement(moved_at desc, id desc);
create index stock_movement_item_idx on stock_movement(item_id, warehouse_id, moved_at desc);

create function stock_movement_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'stock_movement is append-only';
end;
$$;
create trigger stock_movement_no_change before update or delete on stock_movement
  for each row execute function stock_movement_append_only();

create table stock_balance (
  item_id      bigint not null references supply_item(id),
  warehouse_id bigint not null references warehouse(id),
  quantity     numeric(14,2) not null default 0 check (quantity >= 0),
  primary key (item_id, warehouse_id)
);
