package com.silverjems.shop.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where the catalogue finds product photos. The image pipeline (integration hub) owns the tables of
 * renditions and provides the implementation; until then the catalogue shows none.
 */
public interface ProductImages {

  /** The photos of each product, by product slug, in display order. Missing = none. */
  Map<String, List<ProductImage>> of(Collection<String> productSlugs);
}
