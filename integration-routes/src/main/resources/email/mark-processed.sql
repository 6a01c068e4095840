-- Marks a handled outbox event processed (the relay's last step for each event): after the send
-- transaction committed, or at once for an event that sends no email.
UPDATE outbox_event SET processed_at = now()
 WHERE id = CAST(:#${header.SilverjemsOutboxId} AS uuid)
