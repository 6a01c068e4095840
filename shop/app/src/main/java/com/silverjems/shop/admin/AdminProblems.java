package com.silverjems.shop.admin;

import com.silverjems.shop.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** What can go wrong editing the catalogue, each named after what happened. */
final class AdminProblems {

  private AdminProblems() {}

  /** No product with this slug. */
  static class NoSuchProduct extends ErrorResponseException {
    NoSuchProduct(String slug) {
      super(
          HttpStatus.NOT_FOUND,
          Problems.of(
              HttpStatus.NOT_FOUND, "product-not-found", "Product not found", "No product " + slug),
          null);
    }
  }

  /** No variant with this SKU. */
  static class NoSuchVariant extends ErrorResponseException {
    NoSuchVariant(String sku) {
      super(
          HttpStatus.NOT_FOUND,
          Problems.of(HttpStatus.NOT_FOUND, "variant-not-found", "Variant not found", "No " + sku),
          null);
    }
  }

  /** A product names a category that does not exist. */
  static class NoSuchCategory extends ErrorResponseException {
    NoSuchCategory(String slug) {
      super(
          HttpStatus.UNPROCESSABLE_ENTITY,
          Problems.of(
              HttpStatus.UNPROCESSABLE_ENTITY,
              "category-not-found",
              "Category not found",
              "No category " + slug),
          null);
    }
  }

  /** Another product already has this slug, or another variant this SKU or combination. */
  static class AlreadyExists extends ErrorResponseException {
    AlreadyExists(String what) {
      super(
          HttpStatus.CONFLICT,
          Problems.of(HttpStatus.CONFLICT, "already-exists", "Already exists", what),
          null);
    }
  }
}
