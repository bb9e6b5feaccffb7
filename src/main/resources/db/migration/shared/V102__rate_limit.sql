-- Rate limits shared by every node (shared.cluster.DatabaseRateLimits): one token bucket per row, key "limit|subject"
-- (exact searches per account, portal submissions per form and client address). Times are milliseconds since the
-- epoch: refilled_at is the start of the bucket's current refill period, full_at when it is full again (then the row
-- is deleted; it grants what no row grants). taken: whether the last try took one.
create table rate_limit (
    key         text    not null primary key,
    tokens      int     not null,
    refilled_at bigint  not null,
    full_at     bigint  not null,
    taken       boolean not null
);
create index rate_limit_full_at_idx on rate_limit (full_at);
