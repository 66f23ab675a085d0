-- The token buckets of the abuse limits and sign-in locks, shared by every instance on PostgreSQL
-- (Bucket4j's PostgreSQL proxy manager reads and writes them). On H2 the buckets live in memory and
-- these tables stay empty. A bucket's id is a keyed hash of what it limits (a client address, a user
-- name), never the address or name itself; the key is the one row of abuse_limit_secret.
CREATE TABLE abuse_limit_bucket (
    id         VARCHAR(64) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

CREATE INDEX abuse_limit_bucket_expires_at ON abuse_limit_bucket (expires_at);

CREATE TABLE abuse_limit_secret (
    id     INTEGER PRIMARY KEY,
    secret VARCHAR(64) NOT NULL
);
