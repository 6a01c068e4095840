UPDATE image_ingestion
   SET last_error = :#imageLastError,
       claimed_until = now() + make_interval(secs => CAST(:#imageRetrySeconds AS double precision))
 WHERE id = CAST(:#imageIngestionId AS bigint)
   AND claim_token = CAST(:#imageClaimToken AS uuid)
   AND status = 'processing'
