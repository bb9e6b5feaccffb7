-- A check made on a device (the grid worker's phone, possibly offline) carries the id the device gave it: sent again
-- (a retry after a lost answer, the offline queue sending what it kept), it is answered with the check stored the
-- first time and stores nothing new. Checks entered without one (older clients, the missed-check job) have none.
alter table observation_check add column client_id uuid;
create unique index observation_check_client_idx on observation_check(client_id) where client_id is not null;
