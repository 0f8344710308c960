-- The start brake's buckets when several instances share PostgreSQL (Bucket4j's PostgreSQL support): one row per
-- client address that started a sign-in lately, with the bucket's state and when it is full again (epoch ms), after
-- which the row is deleted. On H2 (one instance) the brake keeps its buckets in memory and the table stays empty.
create table sign_in_brake (
    id varchar(64) primary key,
    state bytea,
    expires_at bigint
);

create index sign_in_brake_expires_at on sign_in_brake (expires_at);
