-- Anti-hoarding: a hold that took the last available unit(s) of a variant is short
-- (silverjems.cart.last-piece-hold) and its deadline never moves later: the last piece stays held
-- only while its holder goes on to check out. Sticky once set: removing and re-adding the item,
-- or changing its quantity, keeps the first deadline (the row is kept, lapsed, on removal).
ALTER TABLE stock_reservation ADD COLUMN last_piece BOOLEAN NOT NULL DEFAULT false;
