-- The episode of a returnee record (EpisodeRepository.episodeOfReturnee: the open one, or the latest of a reason) is
-- looked up whenever a returnee is registered; the partial unique index on open episodes cannot serve its "or reason"
-- condition, so every registration from a risk area scanned all episodes (bench/registration: 3,400 rows read per
-- passage after 1,000 passages).
create index episode_returnee_idx on observation_episode(returnee_id);
