-- Append-only record of every admin change: who, what, the row before and after, when.
CREATE TABLE admin_audit_log (
    id           BIGSERIAL   PRIMARY KEY,
    occurred_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor        TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    entity_type  TEXT        NOT NULL,
    entity_id    TEXT        NOT NULL,
    before       JSONB,
    after        JSONB
);
CREATE INDEX admin_audit_log_entity_idx ON admin_audit_log (entity_type, entity_id, id);

-- The database itself refuses to rewrite history, whoever connects.
CREATE FUNCTION admin_audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'admin_audit_log is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER admin_audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON admin_audit_log
    FOR EACH ROW EXECUTE FUNCTION admin_audit_log_is_append_only();
CREATE TRIGGER admin_audit_log_no_truncate
    BEFORE TRUNCATE ON admin_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_log_is_append_only();
