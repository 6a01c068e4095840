-- Idempotency-Key of state-changing requests (checkout): the first request claims the key and
-- stores its result in the same transaction as its effects; a retry with the same key and body
-- gets that result again, a retry with another body is refused.
CREATE TABLE idempotency_key (
    scope           TEXT        NOT NULL,
    key             TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    -- Written in the claiming transaction before it commits: a committed row always has them.
    response_status INTEGER,
    response_body   JSONB,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);
-- Keys are kept for a day (as payment providers do); older ones are purged by created_at.
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
