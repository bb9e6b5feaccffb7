-- Documents numbered per year like notices (issue 16): release notices of observation, dispatch notes of supplies.
-- One row per kind and year; the next number is taken by an upsert, which locks the row, so two at once queue and get
-- different numbers.
create table document_counter (
  kind        varchar(32) not null,
  year        integer not null check (year between 2000 and 2999),
  last_number integer not null check (last_number > 0),
  primary key (kind, year)
);
