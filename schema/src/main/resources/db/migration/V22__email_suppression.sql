-- Addresses SES told us never to mail again: a hard bounce or a complaint. Sending to them anyway
-- hurts the sender reputation SES judges the account by. Admins see (and may lift) each entry.
CREATE TABLE email_suppression (
    email          TEXT        PRIMARY KEY CHECK (email = lower(email)),
    reason         TEXT        NOT NULL CHECK (reason IN ('hard_bounce', 'complaint')),
    detail         TEXT,
    ses_message_id TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
