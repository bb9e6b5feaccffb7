-- ShedLock (README "Production deployment"): one row per scheduled job; a node runs the job only while it holds the row's
-- lock (lock_until in the future), so each job runs on one node at a time. Times are the database's (usingDbTime()).
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);
