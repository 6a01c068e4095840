package com.silverjems.shop.webui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API goes down while a shopper browses. Static files still come from the edge (S3 through
 * CloudFront in production, {@link EdgeStandIn} here) and the API answers 502; the service worker
 * serves the catalogue pages the shopper has seen from its saved copies, says so, and checkout says
 * plainly that it is temporarily unavailable.
 */
class DegradedModeIT {

  Chromium chromium;
  RunningShop shop;
  EdgeStandIn edge;
  BrowserSession browser;

  @BeforeEach
  void start() {
    chromium = Chromium.launch();
    edge = EdgeStandIn.start();
    // Renditions come through the edge too, as CloudFront serves them from the public bucket.
    shop =
        RunningShop.start(
            "webui_degraded", Map.of("silverjems.catalog.images-base-url", edge.baseUrl() + "/"));
    edge.forwardTo(shop);
    browser =
        chromium.session(
            edge.baseUrl(), Chromium.PHONE, BrowserSession.screenshotsOf(DegradedModeIT.class));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (edge != null) {
      edge.close();
    }
    if (shop != null) {
      shop.close();
    }
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void catalogueStillRendersFromCacheWhenTheApiIsStopped() {
    Page page = browser.open("/");
    browser.awaitServiceWorker();
    // Browsing while the API is up is what fills the cache.
    browser.open("/");
    assertThat(page.locator(".product-card")).hasCount(7);
    browser.open("/category?slug=rings");
    Locator rings = page.locator(".product-card .product-card__name");
    assertThat(rings).hasCount(3);
    browser.open("/product?slug=hammered-band-ring");
    page.getByLabel("N", new Page.GetByLabelOptions().setExact(true)).check();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to basket")).click();
    assertThat(page.locator("#add-message")).containsText("is in your basket");
    browser.screenshot("ring-in-basket-online");

    shop.close();

    browser.open("/category?slug=rings");
    assertThat(rings)
        .hasText(new String[] {"Hammered Band Ring", "Moonstone Signet Ring", "Twisted Rope Ring"});
    assertThat(page.locator("#degraded-banner"))
        .containsText("checkout is temporarily unavailable");
    browser.screenshot("rings-api-down");

    browser.open("/product?slug=hammered-band-ring");
    assertThat(page.locator("#page-title")).hasText("Hammered Band Ring");
    assertThat(page.locator("#price")).hasText("£65.00");
    assertThat(page.locator("#variant-picker label")).hasText(new String[] {"J", "L", "N", "P"});
    browser.screenshot("product-api-down");

    browser.open("/");
    assertThat(page.locator(".product-card")).hasCount(7);
    assertThat(page.locator(".category-tiles a")).hasCount(3);
    browser.screenshot("home-api-down");

    browser.open("/checkout");
    assertThat(page.locator("#checkout-unavailable"))
        .containsText("Checkout is temporarily unavailable");
    assertThat(page.locator("#place-order")).hasCount(0);
    browser.screenshot("checkout-api-down");
  }
}
