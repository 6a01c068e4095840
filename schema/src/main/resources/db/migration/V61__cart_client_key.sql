-- Anti-hoarding: which client address (SHA-256, not the address itself) opened an anonymous cart,
-- so that once one of its carts' hold lifetimes ran out, its other carts cannot hold the same
-- piece again for a while (silverjems.cart.rehold-cooldown).
ALTER TABLE cart ADD COLUMN client_key TEXT;
CREATE INDEX cart_client_key_idx ON cart (client_key) WHERE client_key IS NOT NULL;
