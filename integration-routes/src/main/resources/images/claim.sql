WITH known_product AS (
    SELECT id FROM product WHERE id = CAST(:#imageProductId AS bigint)
), claimed AS (
    INSERT INTO image_ingestion (upload_key, etag, product_id, size_bytes, claim_token, claimed_until)
    VALUES (:#imageUploadKey, :#imageEtag, (SELECT id FROM known_product),
            CAST(:#imageSizeBytes AS bigint), CAST(:#imageClaimToken AS uuid),
            now() + make_interval(secs => CAST(:#imageLeaseSeconds AS double precision)))
    ON CONFLICT (upload_key, etag) DO UPDATE
       SET claim_token = EXCLUDED.claim_token,
           claimed_until = EXCLUDED.claimed_until,
           attempts = image_ingestion.attempts + 1
     WHERE image_ingestion.status = 'processing' AND image_ingestion.claimed_until < now()
    RETURNING id, product_id, status, attempts, rejection_reason, rejection_detail, last_error
)
SELECT 'claimed' AS claim, id, product_id, status, attempts, rejection_reason, rejection_detail,
       last_error
  FROM claimed
UNION ALL
SELECT CASE WHEN i.status = 'processing' THEN 'busy' ELSE 'done' END, i.id, i.product_id, i.status,
       i.attempts, i.rejection_reason, i.rejection_detail, i.last_error
  FROM image_ingestion i
 WHERE i.upload_key = :#imageUploadKey AND i.etag = :#imageEtag
   AND NOT EXISTS (SELECT 1 FROM claimed)
