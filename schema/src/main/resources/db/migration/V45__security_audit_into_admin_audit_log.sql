-- MFA events join the shop's one append-only audit log (V15), where the admin API shows them
-- (entity type 'account'); anything V44's table holds moves over, oldest first, then it goes.
INSERT INTO admin_audit_log (occurred_at, actor, action, entity_type, entity_id, before, after)
SELECT occurred_at,
       COALESCE(CAST(actor_id AS TEXT), 'anonymous'),
       action,
       'account',
       CAST(subject_id AS TEXT),
       NULL,
       CASE WHEN remote_ip IS NULL THEN details
            ELSE details || jsonb_build_object('remoteAddress', remote_ip) END
FROM security_audit_event
ORDER BY id;

DROP TABLE security_audit_event;
