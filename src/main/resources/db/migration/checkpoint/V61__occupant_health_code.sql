-- An occupant registered by scanning a health code: the code's colour and id (the token itself is not kept).
alter table occupant add column health_code_color varchar(6) check (health_code_color in ('GREEN', 'YELLOW', 'RED'));
alter table occupant add column health_code_id varchar(64);
