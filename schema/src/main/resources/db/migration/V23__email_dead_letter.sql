-- Emails the relay gave up on (invalid event, permanent SES refusal, retries exhausted). Each stays
-- here for an admin to read and re-drive; the email_dead_letters gauge counts the open ones.
CREATE TABLE email_dead_letter (
    id              BIGSERIAL   PRIMARY KEY,
    outbox_event_id UUID        NOT NULL REFERENCES outbox_event (id) ON DELETE CASCADE,
    event_type      TEXT        NOT NULL,
    recipient       TEXT,
    reason          TEXT        NOT NULL,
    attempts        INTEGER     NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    redriven_at     TIMESTAMPTZ
);
CREATE INDEX email_dead_letter_open_idx ON email_dead_letter (created_at) WHERE redriven_at IS NULL;
