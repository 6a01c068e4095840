-- Refunds through the payment provider. A row is written (pending) before the provider is called,
-- keyed by the idempotency key the provider also gets, so a duplicate click is one refund; only
-- the provider's webhook moves it to succeeded or failed. lines: the order lines refunded (sku,
-- variantId, quantity) - empty for a refund of the whole order.
CREATE TABLE refund (
    id UUID PRIMARY KEY,
    order_id UUID NOT NULL REFERENCES customer_order (id),
    provider TEXT NOT NULL,
    intent_id TEXT NOT NULL,
    provider_refund_id TEXT,
    idempotency_key TEXT NOT NULL UNIQUE,
    amount_minor BIGINT NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL,
    full_refund BOOLEAN NOT NULL,
    lines JSONB NOT NULL DEFAULT '[]',
    status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    failure_reason TEXT,
    reason TEXT,
    requested_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX refund_provider_id ON refund (provider, provider_refund_id);
CREATE INDEX refund_order ON refund (order_id);

-- The shop alone refunds; the hub only reads events from the outbox.
GRANT SELECT, INSERT, UPDATE ON refund TO silverjems_shop;

-- An unpaid order's intent is cancelled with the provider before the order expires.
ALTER TABLE payment DROP CONSTRAINT payment_status_check,
    ADD CONSTRAINT payment_status_check
        CHECK (status IN ('pending', 'succeeded', 'failed', 'canceled'));
