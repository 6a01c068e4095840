package com.silverjems.shop.catalog;

/**
 * A product as a listing shows it: its lowest variant price, whether any variant is in stock, and
 * its first image when the image pipeline has produced one.
 */
record ProductSummary(
    String slug,
    String name,
    String category,
    long priceFromMinor,
    String currency,
    boolean inStock,
    ProductImage image) {

  ProductSummary withImage(ProductImage image) {
    return new ProductSummary(slug, name, category, priceFromMinor, currency, inStock, image);
  }
}
