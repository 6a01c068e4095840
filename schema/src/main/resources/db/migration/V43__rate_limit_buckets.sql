-- Token buckets of the sign-in, MFA and reset rate limits (Bucket4j state), shared by every
-- replica: an attacker gains nothing by spreading guesses over replicas.
CREATE TABLE rate_limit_bucket (
    id          TEXT   PRIMARY KEY,
    state       BYTEA,
    -- Epoch milliseconds after which the bucket is full again and the row can be deleted.
    expires_at  BIGINT
);
CREATE INDEX rate_limit_bucket_expiry_idx ON rate_limit_bucket (expires_at);
