-- Data that expires (issue 17): a person whose follow-up ended more than the retention period ago is anonymised —
-- name, identity document, phone, sex, birth date and address replaced or cleared; the person's records (returnee
-- records, observation episodes, referrals) stay, with their dates and areas, so that every count stays.
alter table person add column anonymised_at timestamptz;
