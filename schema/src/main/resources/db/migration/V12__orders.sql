-- Orders, their lines (prices frozen at checkout) and every status change they went through.

CREATE SEQUENCE order_number_seq;

CREATE TABLE customer_order (
    id               UUID        PRIMARY KEY,
    number           TEXT        NOT NULL UNIQUE,
    status           TEXT        NOT NULL CHECK (status IN
                         ('placed', 'paid', 'packed', 'shipped', 'delivered', 'cancelled', 'refunded')),
    customer_email   TEXT        NOT NULL,
    customer_name    TEXT        NOT NULL,
    -- Set when a signed-in shopper ordered; no foreign key: identity owns accounts.
    account_id       UUID,
    cart_id          UUID        REFERENCES cart (id),
    ship_name        TEXT,
    ship_line1       TEXT        NOT NULL,
    ship_line2       TEXT,
    ship_city        TEXT        NOT NULL,
    ship_postcode    TEXT        NOT NULL,
    ship_country     CHAR(2)     NOT NULL,
    total_minor      BIGINT      NOT NULL CHECK (total_minor >= 0),
    currency         CHAR(3)     NOT NULL,
    carrier          TEXT,
    tracking_number  TEXT,
    tracking_url     TEXT,
    placed_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Shopper order history (by account, or by email for guest orders) and the admin's queue.
CREATE INDEX customer_order_account_idx ON customer_order (account_id, placed_at DESC) WHERE account_id IS NOT NULL;
CREATE INDEX customer_order_email_idx ON customer_order (lower(customer_email), placed_at DESC);
CREATE INDEX customer_order_status_idx ON customer_order (status, placed_at);
-- A cart is checked out at most once, whatever the idempotency keys say.
CREATE UNIQUE INDEX customer_order_cart_idx ON customer_order (cart_id) WHERE cart_id IS NOT NULL;

CREATE TABLE order_line (
    order_id         UUID    NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL,
    variant_id       BIGINT  NOT NULL REFERENCES product_variant (id),
    sku              TEXT    NOT NULL,
    product_name     TEXT    NOT NULL,
    size             TEXT,
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_minor BIGINT  NOT NULL CHECK (unit_price_minor >= 0),
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE order_status_history (
    id           BIGSERIAL   PRIMARY KEY,
    order_id     UUID        NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
    from_status  TEXT,
    to_status    TEXT        NOT NULL,
    actor        TEXT        NOT NULL,
    reason       TEXT,
    occurred_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, id);
