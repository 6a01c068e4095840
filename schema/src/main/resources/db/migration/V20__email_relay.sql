-- The email relay's own bookkeeping for outbox_event, kept beside the shop's table rather than in it.
-- A row is a lease: the relay claims an event by pushing next_attempt_at into the future, so another
-- replica (or this one after a crash) only picks it up again once the lease has run out.
CREATE TABLE email_outbox_claim (
    outbox_event_id UUID        PRIMARY KEY REFERENCES outbox_event (id) ON DELETE CASCADE,
    -- Tries since the last success or re-drive; SES throttling does not count as a try.
    attempts        INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- Bumped for each deliberate resend (soft bounce, admin re-drive): part of the idempotency key,
    -- so a resend is a new send while a redelivered claim of the same generation is not.
    generation      INTEGER     NOT NULL DEFAULT 0 CHECK (generation >= 0),
    next_attempt_at TIMESTAMPTZ NOT NULL,
    claimed_by      TEXT,
    last_error      TEXT,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
