-- Product images, written by the integration hub's image ingestion (integration-routes, group
-- IMAGES) and read by the shop: admins upload originals to the upload bucket's incoming/ prefix,
-- the hub validates them and publishes renditions to the public bucket behind the CDN.

-- One row per uploaded object version (key + ETag): the idempotency key of ingestion and the status
-- the admin sees, including why an upload was refused. Several hub replicas may list the same
-- object; the one that claims the row does the work, the others skip it until its claim expires.
CREATE TABLE image_ingestion (
    id                  BIGSERIAL   PRIMARY KEY,
    upload_key          TEXT        NOT NULL,
    etag                TEXT        NOT NULL,
    -- NULL when the key names no product (the upload is then rejected as unknown_product).
    product_id          BIGINT      REFERENCES product (id) ON DELETE SET NULL,
    status              TEXT        NOT NULL DEFAULT 'processing'
                        CHECK (status IN ('processing', 'processed', 'duplicate', 'rejected')),
    -- Machine-readable reason (the silverjems_images_rejected_total label) and a sentence for people.
    rejection_reason    TEXT,
    rejection_detail    TEXT,
    -- The type found by magic bytes, whatever the file name says.
    detected_type       TEXT,
    size_bytes          BIGINT,
    -- Where the original went: processed/... or rejected/... in the upload bucket.
    original_moved_to   TEXT,
    -- Fencing token of the replica working on it, and until when its claim holds.
    claim_token         UUID,
    claimed_until       TIMESTAMPTZ,
    attempts            INTEGER     NOT NULL DEFAULT 1,
    -- The last unexpected failure (S3 or database unreachable...), kept for the admin and on-call.
    last_error          TEXT,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at         TIMESTAMPTZ,
    UNIQUE (upload_key, etag),
    CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
);
-- The admin's list of recent uploads of a product, newest first.
CREATE INDEX image_ingestion_product_idx ON image_ingestion (product_id, created_at DESC);

-- An image shown on a product page, in display order. The same picture (same original bytes) is
-- attached to a product at most once, however many times it is uploaded.
CREATE TABLE product_image (
    id             BIGSERIAL   PRIMARY KEY,
    product_id     BIGINT      NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    ingestion_id   BIGINT      NOT NULL UNIQUE REFERENCES image_ingestion (id),
    position       INTEGER     NOT NULL DEFAULT 0,
    source_sha256  TEXT        NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
    -- Size of the picture as shown (EXIF orientation applied), before any resizing.
    width          INTEGER     NOT NULL CHECK (width > 0),
    height         INTEGER     NOT NULL CHECK (height > 0),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (product_id, source_sha256)
);
CREATE INDEX product_image_product_idx ON product_image (product_id, position);

-- The files a browser downloads: one per width and format, under an immutable content-hashed key
-- of the public bucket. The shop builds URLs as <CDN base URL>/<object_key>, so moving the bucket
-- or the CDN never rewrites these rows; a srcset is "<url> <width>w" per row of one format.
CREATE TABLE product_image_rendition (
    id            BIGSERIAL PRIMARY KEY,
    image_id      BIGINT    NOT NULL REFERENCES product_image (id) ON DELETE CASCADE,
    format        TEXT      NOT NULL CHECK (format IN ('jpeg', 'png', 'webp', 'avif')),
    content_type  TEXT      NOT NULL,
    width         INTEGER   NOT NULL CHECK (width > 0),
    height        INTEGER   NOT NULL CHECK (height > 0),
    size_bytes    BIGINT    NOT NULL CHECK (size_bytes > 0),
    object_key    TEXT      NOT NULL,
    UNIQUE (image_id, format, width)
);
CREATE INDEX product_image_rendition_image_idx ON product_image_rendition (image_id);
