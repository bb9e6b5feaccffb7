-- The kind of plate of a passage (issue 13): embassy (使), consulate (领), military, armed police (WJ), fire and
-- rescue (应急) and tractor plates are accepted besides ordinary and new-energy ones, and the kind is recorded
-- (org.cordon.shared.PlateKind; null when the passage has no plate, e.g. a pedestrian).
alter table passage add column plate_kind varchar(16);

-- Plates stored before were checked against the earlier format: ordinary, new-energy (8 characters) or ending in
-- 挂 / 学 / 警 / 港 / 澳.
update passage set plate_kind = case
    when plate_number like '%挂' then 'TRAILER'
    when plate_number like '%学' then 'LEARNER'
    when plate_number like '%警' then 'POLICE'
    when plate_number like '%港' or plate_number like '%澳' then 'HONG_KONG_MACAO'
    when length(plate_number) = 8 then 'NEW_ENERGY'
    else 'ORDINARY' end
where plate_number is not null;

alter table passage add constraint passage_plate_kind_check check ((plate_number is null) = (plate_kind is null));
