-- Claims the oldest due outbox events for this instance (the relay's camel-sql consumer).
-- FOR UPDATE SKIP LOCKED keeps replicas polling at the same moment off each other's rows; the lease
-- (next_attempt_at pushed into the future) keeps them off once the claim commits. When a replica's
-- snapshot predates another's commit, ON CONFLICT ... WHERE re-checks the lease on the latest row
-- version, so an event is never claimed twice while its lease runs.
WITH claimed AS (
    INSERT INTO email_outbox_claim AS c (outbox_event_id, attempts, next_attempt_at, claimed_by)
    SELECT o.id, 1, now() + make_interval(secs => :#${bean:emailClaimParameters.leaseSeconds}),
           :#${bean:emailClaimParameters.instanceId}
      FROM outbox_event o
     WHERE o.processed_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM email_outbox_claim x
                        WHERE x.outbox_event_id = o.id AND x.next_attempt_at > now())
     ORDER BY o.created_at
     LIMIT :#${bean:emailClaimParameters.batchSize}
       FOR UPDATE OF o SKIP LOCKED
    ON CONFLICT (outbox_event_id) DO UPDATE
       SET attempts = c.attempts + 1,
           next_attempt_at = EXCLUDED.next_attempt_at,
           claimed_by = EXCLUDED.claimed_by,
           updated_at = now()
     WHERE c.next_attempt_at <= now()
    RETURNING c.outbox_event_id, c.attempts, c.generation
)
SELECT o.id, o.event_type, o.event_version, CAST(o.payload AS text) AS payload,
       claimed.attempts, claimed.generation
  FROM claimed JOIN outbox_event o ON o.id = claimed.outbox_event_id
 ORDER BY o.created_at
