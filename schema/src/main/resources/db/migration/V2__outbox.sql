-- Transactional outbox: a business change and the event announcing it commit together, and the
-- integration hub relays events (emails, ...) from here. Payloads follow the JSON schemas in
-- events/<event_type>.v<event_version>.schema.json of this module.
CREATE TABLE outbox_event (
    id             UUID        PRIMARY KEY,
    aggregate_type TEXT        NOT NULL,
    aggregate_id   TEXT        NOT NULL,
    event_type     TEXT        NOT NULL,
    event_version  INTEGER     NOT NULL CHECK (event_version > 0),
    payload        JSONB       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Set by the relay once the event has been handled; NULL = still to do.
    processed_at   TIMESTAMPTZ
);
-- The relay only ever looks for unprocessed rows, oldest first.
CREATE INDEX outbox_event_pending_idx ON outbox_event (created_at) WHERE processed_at IS NULL;
