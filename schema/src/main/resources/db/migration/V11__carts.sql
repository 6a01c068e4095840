-- Carts of anonymous and signed-in shoppers, and the stock they hold for a while.

-- An anonymous cart is known only by its random id (the storefront keeps it); a signed-in
-- shopper's cart also carries the account id. No foreign key: identity owns accounts.
CREATE TABLE cart (
    id          UUID        PRIMARY KEY,
    account_id  UUID,
    status      TEXT        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'checked_out')),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- One open cart per account: merging on sign-in folds the anonymous cart into it.
CREATE UNIQUE INDEX cart_open_account_idx ON cart (account_id) WHERE status = 'open' AND account_id IS NOT NULL;

-- The price the shopper saw when adding the item; checkout compares it with the current price.
CREATE TABLE cart_item (
    cart_id          UUID        NOT NULL REFERENCES cart (id) ON DELETE CASCADE,
    variant_id       BIGINT      NOT NULL REFERENCES product_variant (id),
    quantity         INTEGER     NOT NULL CHECK (quantity BETWEEN 1 AND 20),
    unit_price_minor BIGINT      NOT NULL CHECK (unit_price_minor >= 0),
    currency         CHAR(3)     NOT NULL,
    added_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (cart_id, variant_id)
);

-- Stock a cart holds until expires_at. Available stock = stock - unexpired holds of other carts.
-- An expired hold simply stops counting: nothing has to sweep it for stock to be right.
CREATE TABLE stock_reservation (
    variant_id  BIGINT      NOT NULL REFERENCES product_variant (id) ON DELETE CASCADE,
    cart_id     UUID        NOT NULL REFERENCES cart (id) ON DELETE CASCADE,
    quantity    INTEGER     NOT NULL CHECK (quantity > 0),
    expires_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (variant_id, cart_id)
);
CREATE INDEX stock_reservation_cart_idx ON stock_reservation (cart_id);
