package com.silverjems.shop.catalog;

/**
 * A listing request: filters (all optional), sort order and page. A product matches the variant
 * filters when one of its variants matches all of them.
 */
record ProductQuery(
    String category,
    String text,
    String metal,
    String purity,
    String size,
    Long minPriceMinor,
    Long maxPriceMinor,
    boolean inStockOnly,
    ProductSort sort,
    PageRequest page) {

  ProductQuery {
    category = blankToNull(category);
    text = blankToNull(text);
    metal = blankToNull(metal);
    purity = blankToNull(purity);
    size = blankToNull(size);
    if (text != null && text.length() > 100) {
      throw new InvalidProductQuery("q must be at most 100 characters");
    }
    if (minPriceMinor != null && minPriceMinor < 0) {
      throw new InvalidProductQuery("minPrice must be 0 or more, was " + minPriceMinor);
    }
    if (minPriceMinor != null && maxPriceMinor != null && maxPriceMinor < minPriceMinor) {
      throw new InvalidProductQuery(
          "maxPrice (" + maxPriceMinor + ") is below minPrice (" + minPriceMinor + ")");
    }
  }

  boolean filtersVariants() {
    return metal != null
        || purity != null
        || size != null
        || minPriceMinor != null
        || maxPriceMinor != null
        || inStockOnly;
  }

  /** A stable key naming exactly this query, for the cache. */
  String cacheKey() {
    return String.join(
        "|",
        String.valueOf(category),
        String.valueOf(text),
        String.valueOf(metal),
        String.valueOf(purity),
        String.valueOf(size),
        String.valueOf(minPriceMinor),
        String.valueOf(maxPriceMinor),
        String.valueOf(inStockOnly),
        sort.parameter(),
        String.valueOf(page.page()),
        String.valueOf(page.size()));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
