-- The catalogue: categories, products and the variants that are actually sold and stocked.
-- Prices are integers in minor units (pence) with an ISO 4217 currency: never floating point.

CREATE TABLE category (
    id          BIGSERIAL PRIMARY KEY,
    slug        TEXT        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        TEXT        NOT NULL,
    position    INTEGER     NOT NULL DEFAULT 0
);

CREATE TABLE product (
    id          BIGSERIAL PRIMARY KEY,
    slug        TEXT        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        TEXT        NOT NULL,
    description TEXT        NOT NULL DEFAULT '',
    category_id BIGINT      NOT NULL REFERENCES category (id),
    published   BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX product_category_idx ON product (category_id);

-- A variant is one sellable item: metal, purity (925 = sterling silver), size (ring size,
-- chain length; NULL for one-size pieces) and its own price and stock.
CREATE TABLE product_variant (
    id           BIGSERIAL PRIMARY KEY,
    product_id   BIGINT       NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    sku          TEXT         NOT NULL UNIQUE,
    metal        TEXT         NOT NULL,
    purity       TEXT         NOT NULL,
    size         TEXT,
    weight_grams NUMERIC(8, 2) NOT NULL CHECK (weight_grams > 0),
    price_minor  BIGINT       NOT NULL CHECK (price_minor >= 0),
    currency     CHAR(3)      NOT NULL DEFAULT 'GBP' CHECK (currency ~ '^[A-Z]{3}$'),
    -- The database refuses negative stock: the last line of defence against overselling.
    stock        INTEGER      NOT NULL CHECK (stock >= 0),
    version      BIGINT       NOT NULL DEFAULT 0,
    UNIQUE (product_id, metal, purity, size)
);
CREATE INDEX product_variant_product_idx ON product_variant (product_id);
