package com.silverjems.shop.catalog;

import java.util.Arrays;
import java.util.Locale;

/** Orders a listing can come in; the query parameter is the lower-case name with dashes. */
enum ProductSort {
  FEATURED("c.position, p.name, p.id"),
  NAME("p.name, p.id"),
  PRICE_ASC("price_from_minor, p.name, p.id"),
  PRICE_DESC("price_from_minor DESC, p.name, p.id"),
  NEWEST("p.created_at DESC, p.id DESC");

  final String orderBy;

  ProductSort(String orderBy) {
    this.orderBy = orderBy;
  }

  String parameter() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static ProductSort parse(String value) {
    if (value == null || value.isBlank()) {
      return FEATURED;
    }
    return Arrays.stream(values())
        .filter(sort -> sort.parameter().equals(value))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidProductQuery(
                    "sort must be one of "
                        + Arrays.stream(values()).map(ProductSort::parameter).toList()
                        + ", was "
                        + value));
  }
}
