-- The dispatch note's number of its year (issue 16), given at dispatch; dispatches made before keep none.
alter table dispatch add column note_year integer, add column note_number integer;
alter table dispatch add constraint dispatch_note_uq unique (note_year, note_number);
alter table dispatch add constraint dispatch_note_ck check ((note_year is null) = (note_number is null));
