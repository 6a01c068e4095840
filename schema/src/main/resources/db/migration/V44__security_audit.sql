-- Security events that must be answerable later: who enrolled, reset or used a second factor,
-- when, from where.
CREATE TABLE security_audit_event (
    id          BIGSERIAL   PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Who acted (NULL: nobody signed in, e.g. a recovery code used during sign-in is the subject's).
    actor_id    UUID,
    subject_id  UUID        NOT NULL,
    action      TEXT        NOT NULL,
    remote_ip   TEXT,
    details     JSONB       NOT NULL DEFAULT '{}'
);
CREATE INDEX security_audit_event_subject_idx ON security_audit_event (subject_id, occurred_at);
