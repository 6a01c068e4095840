package com.silverjems.shop.catalog;

/**
 * A product as a listing shows it: its lowest variant price and whether any variant is in stock.
 */
record ProductSummary(
    String slug,
    String name,
    String category,
    long priceFromMinor,
    String currency,
    boolean inStock) {}
