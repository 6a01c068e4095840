package com.silverjems.shop.catalog;

/**
 * Published (as a Spring application event) when the admin changed products, variants, prices or
 * stock, so that cached catalogue responses are dropped once the change has committed.
 */
public record CatalogChanged(String productSlug) {}
