UPDATE image_ingestion
   SET status = 'rejected',
       rejection_reason = :#imageRejectionReason,
       rejection_detail = :#imageRejectionDetail,
       original_moved_to = :#imageMovedTo,
       finished_at = now(),
       claim_token = NULL,
       claimed_until = NULL
 WHERE id = CAST(:#imageIngestionId AS bigint)
   AND claim_token = CAST(:#imageClaimToken AS uuid)
   AND status = 'processing'
