package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The inventory itself: a new route without a decision is caught. */
class RouteInventoryTest {

  @RestController
  static class NewFeature {
    @GetMapping("/api/wishlist")
    String wishlist() {
      return "";
    }

    @PostMapping("/api/account/wishlist/{itemId}")
    String addToWishlist() {
      return "";
    }

    @GetMapping("/api/admin/reports/{reportId}")
    String report() {
      return "";
    }

    @GetMapping("/internal/debug")
    String debug() {
      return "";
    }
  }

  @Test
  void aRouteNoRuleCoversIsUndecided() {
    StaticWebApplicationContext context = new StaticWebApplicationContext();
    context.registerSingleton("newFeature", NewFeature.class);
    context.registerSingleton("mapping", RequestMappingHandlerMapping.class);
    context.refresh();

    var routes = RouteInventory.of(context);

    assertThat(routes)
        .extracting(Object::toString)
        .containsExactlyInAnyOrder(
            "GET /api/wishlist",
            "POST /api/account/wishlist/{itemId}",
            "GET /api/admin/reports/{reportId}",
            "GET /internal/debug");
    // A new /api path, and a controller outside /api that only the static-files rule would let
    // through: both need a decision. Routes under /api/account and /api/admin have one by
    // the contract (shopper, admin).
    assertThat(RouteInventory.undecided(routes))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("GET /api/wishlist", "GET /internal/debug");
    assertThat(routes.get(0).decision()).isPresent();
  }

  @Test
  void sampleValuesFillPathVariables() {
    assertThat(
            new RouteInventory.Route("GET", "/api/admin/accounts/{accountId}/mfa", true)
                .samplePath())
        .isEqualTo("/api/admin/accounts/00000000-0000-0000-0000-000000000001/mfa");
    assertThat(new RouteInventory.Route("GET", "/api/products/{slug}", true).samplePath())
        .isEqualTo("/api/products/sample");
    assertThat(new RouteInventory.Route("GET", "/**", false).samplePath()).isEqualTo("/a/b");
  }
}
