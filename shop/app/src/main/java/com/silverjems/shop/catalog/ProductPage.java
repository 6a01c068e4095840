package com.silverjems.shop.catalog;

import java.util.List;

/** One page of products and how many there are in all. */
record ProductPage(List<ProductSummary> items, int page, int size, long totalItems) {}
