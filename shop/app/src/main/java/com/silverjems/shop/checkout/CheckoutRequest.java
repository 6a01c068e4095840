package com.silverjems.shop.checkout;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Checkout of a cart by a guest or a signed-in shopper. */
record CheckoutRequest(
    @NotNull(message = "is required") UUID cartId,
    @NotBlank(message = "is required")
        @Email(message = "must be an email address")
        @Size(max = 254, message = "must be at most 254 characters")
        String email,
    @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
        String name,
    @NotNull(message = "is required") @Valid Address shippingAddress) {

  record Address(
      @Size(max = 200, message = "must be at most 200 characters") String name,
      @NotBlank(message = "is required")
          @Size(max = 200, message = "must be at most 200 characters")
          String line1,
      @Size(max = 200, message = "must be at most 200 characters") String line2,
      @NotBlank(message = "is required")
          @Size(max = 100, message = "must be at most 100 characters")
          String city,
      @NotBlank(message = "is required") @Size(max = 20, message = "must be at most 20 characters")
          String postcode,
      @NotBlank(message = "is required")
          @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code, e.g. GB")
          String country) {}
}
