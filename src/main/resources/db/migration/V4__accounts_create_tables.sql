create table account_department (
    code    varchar(30) primary key,
    name_zh varchar(100) not null,
    name_en varchar(100) not null
);

insert into account_department (code, name_zh, name_en) values
    ('LABOUR', '人力社保局', 'Human Resources and Social Security Bureau'),
    ('TRANSPORT', '交通运输局', 'Transport Bureau'),
    ('ECONOMY', '经济和信息化局', 'Economy and Information Technology Bureau'),
    ('HEALTH', '卫生健康委', 'Health Commission'),
    ('COMMERCE', '商务局', 'Commerce Bureau'),
    ('FINANCE', '财政局', 'Finance Bureau'),
    ('POLICE', '公安局', 'Public Security Bureau'),
    ('MARKET', '市场监管局', 'Market Regulation Bureau');

-- A user is bound to what its role answers for: the city, a district, a department or an enterprise.
create table account_user (
    id                   uuid primary key,
    username             varchar(60)  not null,
    password_hash        varchar(200) not null,
    display_name         varchar(100) not null,
    role                 varchar(30)  not null check (role in ('CITY_OFFICIAL', 'DISTRICT_OFFICIAL', 'DEPARTMENT_OFFICER',
                                                                'COMMISSIONER', 'ENTERPRISE', 'GATE_CHECKER')),
    city_code            varchar(12)  not null references geo_city (code),
    district_code        varchar(12) references geo_district (code),
    department_code      varchar(30) references account_department (code),
    enterprise_id        uuid,
    enabled              boolean      not null default true,
    must_change_password boolean      not null default false,
    failed_attempts      int          not null default 0,
    locked_until         timestamptz,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    version              bigint       not null default 0,
    constraint account_user_binding check (
        case role
            when 'DISTRICT_OFFICIAL' then district_code is not null and department_code is null and enterprise_id is null
            when 'COMMISSIONER' then district_code is not null and department_code is null and enterprise_id is null
            when 'ENTERPRISE' then district_code is not null and enterprise_id is not null and department_code is null
            when 'DEPARTMENT_OFFICER' then department_code is not null and district_code is null and enterprise_id is null
            else district_code is null and department_code is null and enterprise_id is null
        end)
);
create unique index account_user_username_idx on account_user (lower(username));
create index account_user_district_idx on account_user (district_code);
create index account_user_enterprise_idx on account_user (enterprise_id);
