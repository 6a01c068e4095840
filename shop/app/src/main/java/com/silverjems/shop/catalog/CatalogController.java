package com.silverjems.shop.catalog;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only catalogue for shoppers. */
@RestController
@RequestMapping("/api")
class CatalogController {

  private final CatalogRepository catalog;

  CatalogController(CatalogRepository catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/categories")
  List<CategoryView> categories() {
    return catalog.categories();
  }

  @GetMapping("/products")
  ProductPage products(
      @RequestParam(required = false) String category,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "24") int size) {
    return catalog.products(category, PageRequest.of(page, size));
  }
}
