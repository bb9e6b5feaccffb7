-- Command (指挥调度): the leadership group (领导小组), the special working groups (专项工作组) with
-- their member accounts, directives (工作部署 / 督办) addressed to working groups, towns / street
-- offices or Party branches, one assignment per addressee, and the append-only history of every
-- directive.

create table leadership_member (
  id        bigserial primary key,
  position  varchar(16) not null check (position in ('HEAD', 'EXECUTIVE_HEAD', 'MEMBER')),
  name      varchar(100) not null,
  title     varchar(200) not null,
  sort      integer not null default 0,
  sample    boolean not null default false
);
create index leadership_member_sort_idx on leadership_member(sort, id);

-- Sample composition after the Shenmu model; names carry 〔示例〕 until someone edits them.
insert into leadership_member(position, name, title, sort, sample) values
('HEAD',           '市委书记〔示例〕',       '市委书记',                 1, true),
('EXECUTIVE_HEAD', '市长〔示例〕',           '市委副书记、市长',         2, true),
('MEMBER',         '常务副市长〔示例〕',     '市委常委、常务副市长',     3, true),
('MEMBER',         '分管副市长〔示例〕',     '副市长（分管卫生健康）',   4, true),
('MEMBER',         '市公安局局长〔示例〕',   '副市长、市公安局局长',     5, true),
('MEMBER',         '市卫健局局长〔示例〕',   '市卫生健康局局长',         6, true);

create table working_group (
  id      bigserial primary key,
  code    varchar(16) not null unique,
  name    varchar(100) not null,
  duties  varchar(1000) not null default '',
  sort    integer not null default 0,
  sample  boolean not null default false
);

insert into working_group(code, name, duties, sort, sample) values
('WG01', '综合协调组〔示例〕', '指挥部日常运转，统筹协调各工作组，汇总信息，起草部署文件', 1, true),
('WG02', '疫情防控组〔示例〕', '卡口查验、返乡人员排查登记、居家医学观察和密切接触者管理', 2, true),
('WG03', '医疗救治组〔示例〕', '发热门诊、疑似和确诊病例转运救治、定点医院和医护力量调度', 3, true),
('WG04', '交通管控组〔示例〕', '公路卡口设置、公共交通停运、车辆消毒和人员通行管控', 4, true),
('WG05', '宣传舆情组〔示例〕', '发布通告、防控知识宣传、舆情监测与回应', 5, true),
('WG06', '物资保障组〔示例〕', '防护物资和消杀用品筹集、储备、调拨，接收捐赠', 6, true),
('WG07', '市场监管组〔示例〕', '生活必需品保供稳价、药店和农贸市场监管、打击哄抬物价', 7, true),
('WG08', '社会稳定组〔示例〕', '治安维护、隔离场所安保、矛盾纠纷排查化解', 8, true),
('WG09', '督查问责组〔示例〕', '督查各单位防控措施落实，对失职失责问题追责问责', 9, true),
('WG10', '后勤保障组〔示例〕', '一线人员食宿、交通和值班保障', 10, true);

create table working_group_member (
  group_id   bigint not null references working_group(id) on delete cascade,
  account_id bigint not null references account(id) on delete cascade,
  added_by   varchar(64) not null,
  added_at   timestamptz not null default now(),
  primary key (group_id, account_id)
);
-- "which groups is this account a member of" (visibility check on every directive query)
create index working_group_member_account_idx on working_group_member(account_id);

create table directive (
  id          bigserial primary key,
  title       varchar(100) not null,
  content     varchar(5000) not null,
  priority    varchar(8) not null check (priority in ('URGENT', 'HIGH', 'NORMAL')),
  deadline    timestamptz not null,
  issued_by   varchar(64) not null,
  issued_name text not null,
  issued_at   timestamptz not null default now(),
  cancelled   boolean not null default false
);
-- open work by deadline (today's view, overdue list)
create index directive_open_deadline_idx on directive(deadline) where not cancelled;
create index directive_issued_idx on directive(issued_at desc);

-- One row per addressee of a directive. assignee_ref is the working group's code (GROUP), the
-- area-tree code of a town or street office (AREA), or, until the mobilisation module brings Party
-- branches, a free reference chosen by the commander (BRANCH).
create table directive_assignment (
  id            bigserial primary key,
  directive_id  bigint not null references directive(id),
  assignee_type varchar(8) not null check (assignee_type in ('GROUP', 'AREA', 'BRANCH')),
  assignee_ref  varchar(64) not null,
  assignee_name varchar(100) not null,
  status        varchar(8) not null default 'ASSIGNED' check (status in ('ASSIGNED', 'ACCEPTED', 'DONE')),
  progress      integer not null default 0 check (progress between 0 and 100),
  last_report   varchar(1000),
  accepted_at   timestamptz,
  accepted_by   varchar(64),
  reported_at   timestamptz,
  done_at       timestamptz,
  done_by       varchar(64),
  unique (directive_id, assignee_type, assignee_ref)
);
-- an assignee's directives (my directives, supervision drill-down)
create index directive_assignment_assignee_idx on directive_assignment(assignee_type, assignee_ref, status);
-- area assignments by jurisdiction prefix
create index directive_assignment_area_idx on directive_assignment(assignee_ref text_pattern_ops) where assignee_type = 'AREA';
-- open assignments (supervision counts)
create index directive_assignment_open_idx on directive_assignment(directive_id) where status <> 'DONE';

-- The history of a directive: issued, accepted, progress reports, done, and the commander's
-- comments, reopenings and cancellation. Rows are only ever appended.
create table directive_event (
  id            bigserial primary key,
  directive_id  bigint not null references directive(id),
  assignment_id bigint references directive_assignment(id),
  kind          varchar(10) not null check (kind in ('ISSUED', 'ACCEPTED', 'PROGRESS', 'DONE', 'REOPENED', 'COMMENT', 'CANCELLED')),
  text          varchar(5000),
  percent       integer check (percent between 0 and 100),
  actor         varchar(64) not null,
  actor_name    text not null,
  at            timestamptz not null default now()
);
create index directive_event_directive_idx on directive_event(directive_id, at, id);
create index directive_event_at_idx on directive_event(at desc);

create function directive_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'directive_event is append-only';
end;
$$;
create trigger directive_event_no_change before update or delete on directive_event
  for each row execute function directive_event_append_only();
