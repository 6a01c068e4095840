package com.silverjems.shop.admin;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** Request bodies of the admin API. */
final class AdminForms {

  private AdminForms() {}

  record ProductForm(
      @NotBlank(message = "is required")
          @Pattern(
              regexp = "[a-z0-9]+(-[a-z0-9]+)*",
              message = "must be lower-case words joined by dashes")
          @Size(max = 200, message = "must be at most 200 characters")
          String slug,
      @NotBlank(message = "is required")
          @Size(max = 200, message = "must be at most 200 characters")
          String name,
      @Size(max = 5000, message = "must be at most 5000 characters") String description,
      @NotBlank(message = "is required") String category,
      @NotNull(message = "is required") Boolean published) {}

  record VariantForm(
      @NotBlank(message = "is required")
          @Pattern(
              regexp = "[A-Z0-9]+(-[A-Z0-9]+)*",
              message = "must be upper-case, e.g. RNG-HAM-J")
          String sku,
      @NotBlank(message = "is required") String metal,
      @NotBlank(message = "is required") String purity,
      @Size(max = 20, message = "must be at most 20 characters") String size,
      @NotNull(message = "is required") @DecimalMin(value = "0.01", message = "must be positive")
          BigDecimal weightGrams,
      @NotNull(message = "is required") @Min(value = 0, message = "must be 0 or more")
          Long priceMinor,
      @NotNull(message = "is required")
          @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code, e.g. GBP")
          String currency,
      @NotNull(message = "is required") @Min(value = 0, message = "must be 0 or more")
          Integer stock) {}

  record PriceForm(
      @NotNull(message = "is required") @Min(value = 0, message = "must be 0 or more")
          Long priceMinor,
      @NotNull(message = "is required")
          @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code, e.g. GBP")
          String currency) {}

  record StockForm(
      @NotNull(message = "is required")
          @Min(value = 0, message = "must be 0 or more")
          @Max(value = 100000, message = "must be at most 100000")
          Integer stock) {}

  record TransitionForm(
      @NotBlank(message = "is required") String status,
      @Size(max = 500, message = "must be at most 500 characters") String reason,
      @Size(max = 100, message = "must be at most 100 characters") String carrier,
      @Size(max = 100, message = "must be at most 100 characters") String trackingNumber,
      @Pattern(regexp = "https://\\S+", message = "must be an https URL") String trackingUrl) {}
}
