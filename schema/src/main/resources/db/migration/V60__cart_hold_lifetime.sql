-- Anti-hoarding: a cart's stock holds end at this instant at the latest, whatever the renewals.
-- Set by the cart's first hold (now() + silverjems.cart.reservation-lifetime), never moved later.
ALTER TABLE cart ADD COLUMN holds_until TIMESTAMPTZ;
