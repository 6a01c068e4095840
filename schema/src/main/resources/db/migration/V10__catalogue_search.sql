-- Catalogue search and images for the storefront's listing and product pages.

-- Full-text search over name and description; the generated column keeps itself up to date.
ALTER TABLE product
    ADD COLUMN search TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
    ) STORED;
CREATE INDEX product_search_idx ON product USING GIN (search);

-- Variant filters (metal, purity, size) and price ranges look variants up by product first.
CREATE INDEX product_variant_filter_idx ON product_variant (product_id, metal, purity, size, price_minor);
