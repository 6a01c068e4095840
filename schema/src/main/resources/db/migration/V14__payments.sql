-- Payments through a provider (Stripe-style): one payment intent per order, confirmed only by
-- the provider's signed webhook, never by the browser.
CREATE TABLE payment (
    order_id       UUID        PRIMARY KEY REFERENCES customer_order (id),
    provider       TEXT        NOT NULL,
    intent_id      TEXT        NOT NULL UNIQUE,
    client_secret  TEXT        NOT NULL,
    amount_minor   BIGINT      NOT NULL CHECK (amount_minor >= 0),
    currency       CHAR(3)     NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every webhook event id handled once: a replayed (even freshly re-signed) event changes nothing.
CREATE TABLE payment_webhook_event (
    provider     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, event_id)
);
