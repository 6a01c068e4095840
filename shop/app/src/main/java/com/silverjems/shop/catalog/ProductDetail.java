package com.silverjems.shop.catalog;

import java.math.BigDecimal;
import java.util.List;

/** A product page: every variant with its own price and availability, and the images. */
record ProductDetail(
    String slug,
    String name,
    String description,
    CategoryView category,
    long priceFromMinor,
    String currency,
    boolean inStock,
    List<Variant> variants,
    List<ProductImage> images) {

  /** One sellable variant: ring size or chain length, metal, purity and weight. */
  record Variant(
      String sku,
      String metal,
      String purity,
      String size,
      BigDecimal weightGrams,
      long priceMinor,
      String currency,
      boolean inStock) {}
}
