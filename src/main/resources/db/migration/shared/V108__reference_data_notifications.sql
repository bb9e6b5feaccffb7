-- Reference data cached by every node (org.cordon.shared.db.ReferenceData): any change of these tables, by whoever
-- makes it, notifies channel cordon_reference with the table's name when it commits, and each node empties the caches
-- that read that table.
create function cordon_reference_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('cordon_reference', tg_table_name);
  return null;
end $$;

create trigger area_reference_changed after insert or update or delete or truncate on area
  for each statement execute function cordon_reference_changed();
create trigger division_reference_changed after insert or update or delete or truncate on division
  for each statement execute function cordon_reference_changed();
create trigger division_alias_reference_changed after insert or update or delete or truncate on division_alias
  for each statement execute function cordon_reference_changed();
create trigger checkpoint_reference_changed after insert or update or delete or truncate on checkpoint
  for each statement execute function cordon_reference_changed();
create trigger risk_area_reference_changed after insert or update or delete or truncate on risk_area
  for each statement execute function cordon_reference_changed();
create trigger screening_rules_reference_changed after insert or update or delete or truncate on screening_rules
  for each statement execute function cordon_reference_changed();
