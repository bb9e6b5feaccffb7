-- Bookkeeping that is pruned while running (EventPublicationMaintenance, AppliedEventPruning) and the
-- minutely look-up of incomplete publications must not scan whole tables.

-- dashboard: markers of applied events are deleted by age
create index if not exists dash_applied_event_applied_at_idx on dash_applied_event (applied_at);

-- event registry: incomplete publications by age ("completion_date is null or status = 'PROCESSING'");
-- both branches are partial indexes, so the look-up reads only the few incomplete rows
create index if not exists event_publication_incomplete_idx on event_publication (publication_date)
  where completion_date is null;
create index if not exists event_publication_processing_idx on event_publication (publication_date)
  where status = 'PROCESSING';
