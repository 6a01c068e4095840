WITH finished AS (
    UPDATE image_ingestion
       SET status = CASE WHEN EXISTS (
                SELECT 1 FROM product_image p
                 WHERE p.product_id = image_ingestion.product_id
                   AND p.source_sha256 = :#imageSourceSha256) THEN 'duplicate' ELSE 'processed' END,
           detected_type = :#imageDetectedType,
           size_bytes = CAST(:#imageSizeBytes AS bigint),
           original_moved_to = :#imageMovedTo,
           finished_at = now(),
           claim_token = NULL,
           claimed_until = NULL,
           last_error = NULL
     WHERE id = CAST(:#imageIngestionId AS bigint)
       AND claim_token = CAST(:#imageClaimToken AS uuid)
       AND status = 'processing'
    RETURNING id, product_id, status
), image AS (
    INSERT INTO product_image (product_id, ingestion_id, position, source_sha256, width, height)
    SELECT f.product_id, f.id,
           COALESCE((SELECT max(position) + 1 FROM product_image WHERE product_id = f.product_id), 0),
           :#imageSourceSha256, CAST(:#imageWidth AS integer), CAST(:#imageHeight AS integer)
      FROM finished f
     WHERE f.status = 'processed'
    ON CONFLICT (product_id, source_sha256) DO NOTHING
    RETURNING id
), renditions AS (
    INSERT INTO product_image_rendition
           (image_id, format, content_type, width, height, size_bytes, object_key)
    SELECT image.id, r.format, r.content_type, r.width, r.height, r.size_bytes, r.object_key
      FROM image, jsonb_to_recordset(CAST(:#imageRenditionsJson AS jsonb))
           AS r(format text, content_type text, width integer, height integer, size_bytes bigint,
                object_key text)
    RETURNING id
)
SELECT (SELECT status FROM finished) AS status,
       (SELECT id FROM image) AS image_id,
       (SELECT count(*) FROM renditions) AS renditions
