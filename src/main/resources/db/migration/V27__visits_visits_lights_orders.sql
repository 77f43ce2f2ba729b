-- Commissioners' visits, checklists, three-colour lights, rectification orders, warning talks.
-- Model and flows: docs/visits.md.

alter table visit_assignment add column district_code varchar(12) references geo_district (code);
create index visit_assignment_district_idx on visit_assignment (district_code);

-- Versioned checklists: a version is never changed; a new one supersedes it from its creation.
create table visit_checklist (
    version    int primary key,
    name       varchar(200) not null,
    created_at timestamptz  not null,
    created_by varchar(100) not null
);
create table visit_checklist_item (
    version        int          not null references visit_checklist (version),
    code           varchar(40)  not null check (code ~ '^[A-Z][A-Z0-9_]*$'),
    position       int          not null,
    text_zh        varchar(300) not null,
    text_en        varchar(300) not null,
    area           varchar(12)  not null check (area in ('PRODUCTION', 'LIVING', 'MANAGEMENT')),
    photo_required boolean      not null,
    serious        boolean      not null,
    source         varchar(200),
    primary key (version, code)
);
insert into visit_checklist (version, name, created_at, created_by) values
    (1, '国发明电〔2020〕4号 + 宁波 (Fugong default)', timestamptz '2020-02-21 00:00:00+08', 'system');
insert into visit_checklist_item (version, code, position, text_zh, text_en, area, photo_required, serious, source) values
    (1, 'STAFF_LEDGER', 1, '建立员工健康和行程台账，一人一档', 'A ledger of staff movements and health, one form per person', 'MANAGEMENT', false, false, '国发明电〔2020〕4号; 镇海'),
    (1, 'GATE_TEMPERATURE', 2, '出入口体温检测并登记', 'Temperature taken at the gate and recorded', 'PRODUCTION', true, true, '国发明电〔2020〕4号; 镇海'),
    (1, 'DORM_TEMPERATURE', 3, '住宿员工每日两次测温', 'Staff in dormitories checked twice a day', 'LIVING', false, false, '国发明电〔2020〕4号'),
    (1, 'SYMPTOM_LINE', 4, '设立症状报告电话，每日报告', 'A phone line for symptoms and a daily report', 'MANAGEMENT', false, false, '国发明电〔2020〕4号'),
    (1, 'NO_FINGERPRINT', 5, '停用指纹考勤', 'No fingerprint clocks', 'PRODUCTION', true, false, '国发明电〔2020〕4号'),
    (1, 'VISITORS_SCREENED', 6, '外来人员登记和检查', 'Visitors screened and registered', 'PRODUCTION', false, false, '国发明电〔2020〕4号'),
    (1, 'DORM_DENSITY', 7, '宿舍每间不超过6人，人均不少于2.5平方米', 'Dormitories at most 6 people, at least 2.5 m² each', 'LIVING', true, false, '国发明电〔2020〕4号'),
    (1, 'STAGGERED_MEALS', 8, '错峰上下班、错峰分餐、分桌就餐', 'Staggered shifts and canteen meals at separate tables', 'LIVING', true, false, '国发明电〔2020〕4号; 宁波社区清单'),
    (1, 'DISINFECTION', 9, '通风消毒并有记录', 'Ventilation and disinfection of the premises, recorded', 'PRODUCTION', false, false, '国发明电〔2020〕4号; 宁波社区清单'),
    (1, 'ISOLATION_AREA', 10, '设置隔离观察区', 'An isolation observation area', 'MANAGEMENT', true, true, '国发明电〔2020〕4号'),
    (1, 'PROTECTIVE_STOCK', 11, '口罩、消毒液、体温计储备充足', 'Stocks of masks, disinfectant and thermometers', 'MANAGEMENT', true, false, '镇海; 宁波社区清单'),
    (1, 'HEAD_RESPONSIBLE', 12, '单位负责人为第一责任人', 'The head of the unit named as first responsible', 'MANAGEMENT', false, false, '国发明电〔2020〕4号');

-- Versioned light rules; a version is never changed, only superseded.
create table visit_light_rules (
    version    int primary key,
    name       varchar(200) not null,
    parameters jsonb        not null,
    created_at timestamptz  not null,
    created_by varchar(100) not null
);
insert into visit_light_rules (version, name, parameters, created_at, created_by) values
    (1, 'Ninghai three-colour lights (宁海三色灯), 2020',
     '{"yellowsInARowForRed": 3, "seriousFailureIsRed": true, "seriousDeadlineDays": 0, "otherDeadlineDays": 3,
       "redEveryDays": 1, "yellowEveryDays": 3, "greenEveryDays": 7}',
     timestamptz '2020-02-10 00:00:00+08', 'system');

create table visit (
    id                uuid primary key,
    enterprise_id     uuid         not null references enterprise (id),
    district_code     varchar(12)  not null references geo_district (code),
    commissioner_id   uuid         not null references account_user (id),
    commissioner_name varchar(100) not null,
    visited_at        timestamptz  not null,
    received_at       timestamptz  not null,
    checklist_version int          not null references visit_checklist (version),
    staff_on_site     int          not null check (staff_on_site >= 0),
    staff_normal      int          not null check (staff_normal > 0),
    capacity_percent  int          not null check (capacity_percent between 0 and 100),
    notes             text,
    corrects          uuid references visit (id),
    light             varchar(6)   not null check (light in ('GREEN', 'YELLOW', 'RED')),
    rule_version      int          not null references visit_light_rules (version),
    reasons           jsonb        not null,
    -- A hash of what was sent, so that the same id sent again with other content is refused.
    content_hash      varchar(64)  not null
);
create index visit_enterprise_idx on visit (enterprise_id, visited_at desc);
create index visit_district_day_idx on visit (district_code, visited_at);
create unique index visit_corrected_once_idx on visit (corrects) where corrects is not null;

create table visit_photo (
    id           uuid primary key,
    content_type varchar(20)  not null check (content_type in ('image/jpeg', 'image/png')),
    size_bytes   int          not null,
    data         bytea        not null,
    uploaded_by  varchar(100) not null,
    uploaded_at  timestamptz  not null
);

create table visit_item (
    visit_id uuid         not null references visit (id),
    code     varchar(40)  not null,
    result   varchar(14)  not null check (result in ('PASSED', 'FAILED', 'NOT_APPLICABLE')),
    remark   varchar(500),
    photo_id uuid references visit_photo (id),
    primary key (visit_id, code)
);

create table visit_problem (
    visit_id       uuid          not null references visit (id),
    position       int           not null,
    title          varchar(200)  not null,
    description    varchar(4000) not null,
    category       varchar(30)   not null,
    solved_on_spot boolean       not null,
    resolution     varchar(2000),
    ticket_id      uuid,
    primary key (visit_id, position)
);

create table visit_light (
    enterprise_id uuid primary key references enterprise (id),
    district_code varchar(12) not null references geo_district (code),
    colour        varchar(6)  not null check (colour in ('GREEN', 'YELLOW', 'RED')),
    since         timestamptz not null,
    visit_id      uuid        not null references visit (id),
    visited_at    timestamptz not null,
    rule_version  int         not null,
    reasons       jsonb       not null,
    suspended_at  timestamptz,
    version       bigint      not null default 0
);
create index visit_light_district_idx on visit_light (district_code, colour);

create table visit_order (
    id            uuid primary key,
    enterprise_id uuid          not null references enterprise (id),
    district_code varchar(12)   not null references geo_district (code),
    visit_id      uuid          not null references visit (id),
    item_code     varchar(40)   not null,
    item_zh       varchar(300)  not null,
    item_en       varchar(300)  not null,
    serious       boolean       not null,
    remark        varchar(500),
    opened_at     timestamptz   not null,
    due_on        date          not null,
    answer_note   varchar(2000),
    answer_photo  uuid references visit_photo (id),
    answered_at   timestamptz,
    answered_by   varchar(100),
    verified_by   uuid references visit (id),
    verified_at   timestamptz,
    version       bigint        not null default 0
);
create unique index visit_order_open_item_idx on visit_order (enterprise_id, item_code) where verified_at is null;
create index visit_order_district_due_idx on visit_order (district_code, due_on) where verified_at is null;

create table visit_talk (
    id            uuid primary key,
    enterprise_id uuid         not null references enterprise (id),
    district_code varchar(12)  not null references geo_district (code),
    visit_id      uuid         not null references visit (id),
    called_at     timestamptz  not null,
    held_on       date,
    outcome       varchar(2000),
    recorded_by   varchar(100),
    version       bigint       not null default 0
);
create index visit_talk_district_idx on visit_talk (district_code, called_at);
