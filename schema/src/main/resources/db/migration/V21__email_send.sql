-- Every email handed to SES (or deliberately not sent), one row per outbox event and generation.
-- ses_message_id links SES's delivery events (bounce, complaint, delivery, delay) back to the send.
CREATE TABLE email_send (
    outbox_event_id UUID        NOT NULL REFERENCES outbox_event (id) ON DELETE CASCADE,
    generation      INTEGER     NOT NULL DEFAULT 0,
    event_type      TEXT        NOT NULL,
    recipient       TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('sent', 'suppressed', 'delivered', 'delayed',
                                                           'soft_bounced', 'hard_bounced', 'complained')),
    ses_message_id  TEXT        UNIQUE,
    sent_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_event_at   TIMESTAMPTZ,
    last_event      TEXT,
    PRIMARY KEY (outbox_event_id, generation)
);
CREATE INDEX email_send_recipient_idx ON email_send (lower(recipient));
