-- Demo catalogue for the local run and tests; production never loads db/demo.
-- Idempotent (ON CONFLICT DO NOTHING): rerunning keeps whatever stock the developer changed.

INSERT INTO category (slug, name, position) VALUES
    ('rings', 'Rings', 1),
    ('necklaces', 'Necklaces', 2),
    ('earrings', 'Earrings', 3)
ON CONFLICT (slug) DO NOTHING;

INSERT INTO product (slug, name, description, category_id)
SELECT p.slug, p.name, p.description, c.id
FROM (VALUES
    ('rings', 'hammered-band-ring', 'Hammered Band Ring',
     'A 4 mm sterling silver band, hand-hammered so it catches the light from every angle.'),
    ('rings', 'twisted-rope-ring', 'Twisted Rope Ring',
     'Two strands of sterling silver wire twisted into a slim, stackable rope.'),
    ('rings', 'moonstone-signet-ring', 'Moonstone Signet Ring',
     'A one-of-a-kind signet set with a rainbow moonstone cabochon. Only one made.'),
    ('necklaces', 'pebble-pendant-necklace', 'Pebble Pendant Necklace',
     'A smooth, organic pebble pendant on a fine trace chain.'),
    ('necklaces', 'fine-curb-chain', 'Fine Curb Chain',
     'A classic diamond-cut curb chain, light enough to wear every day.'),
    ('earrings', 'droplet-stud-earrings', 'Droplet Stud Earrings',
     'Polished teardrop studs on sterling silver posts with butterfly backs.'),
    ('earrings', 'hoop-earrings-20mm', 'Everyday Hoop Earrings 20 mm',
     'Lightweight hinged hoops, 20 mm across, that close with a click.')
) AS p (category_slug, slug, name, description)
JOIN category c ON c.slug = p.category_slug
ON CONFLICT (slug) DO NOTHING;

INSERT INTO product_variant (product_id, sku, metal, purity, size, weight_grams, price_minor, stock)
SELECT p.id, v.sku, 'silver', '925', v.size, v.weight_grams, v.price_minor, v.stock
FROM (VALUES
    ('hammered-band-ring', 'RNG-HAM-J', 'J', 3.10, 6500, 4),
    ('hammered-band-ring', 'RNG-HAM-L', 'L', 3.30, 6500, 6),
    ('hammered-band-ring', 'RNG-HAM-N', 'N', 3.50, 6500, 5),
    ('hammered-band-ring', 'RNG-HAM-P', 'P', 3.70, 6500, 2),
    ('twisted-rope-ring', 'RNG-ROP-K', 'K', 1.60, 3800, 8),
    ('twisted-rope-ring', 'RNG-ROP-M', 'M', 1.70, 3800, 10),
    ('twisted-rope-ring', 'RNG-ROP-O', 'O', 1.80, 3800, 0),
    ('moonstone-signet-ring', 'RNG-MOO-M', 'M', 6.20, 14500, 1),
    ('pebble-pendant-necklace', 'NCK-PEB-16', '16in', 4.80, 5200, 7),
    ('pebble-pendant-necklace', 'NCK-PEB-18', '18in', 5.00, 5400, 9),
    ('fine-curb-chain', 'NCK-CRB-18', '18in', 3.90, 4200, 12),
    ('fine-curb-chain', 'NCK-CRB-20', '20in', 4.30, 4600, 6),
    ('droplet-stud-earrings', 'EAR-DRP-OS', NULL, 1.40, 2900, 15),
    ('hoop-earrings-20mm', 'EAR-HOP-20', NULL, 2.20, 3400, 11)
) AS v (product_slug, sku, size, weight_grams, price_minor, stock)
JOIN product p ON p.slug = v.product_slug
ON CONFLICT (sku) DO NOTHING;
