package com.silverjems.shop.webui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
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
    shop = RunningShop.start("webui_degraded");
    edge = EdgeStandIn.inFrontOf(shop);
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
    browser.open("/category.html?slug=rings");
    Locator rings = page.locator(".product-card .product-card__name");
    assertThat(rings).hasCount(3);
    browser.screenshot("rings-online");

    shop.close();

    browser.open("/category.html?slug=rings");
    assertThat(rings)
        .hasText(new String[] {"Hammered Band Ring", "Moonstone Signet Ring", "Twisted Rope Ring"});
    assertThat(page.locator("#degraded-banner"))
        .containsText("checkout is temporarily unavailable");
    browser.screenshot("rings-api-down");

    browser.open("/");
    assertThat(page.locator(".product-card")).hasCount(7);
    assertThat(page.locator(".category-tiles a")).hasCount(3);
    browser.screenshot("home-api-down");

    browser.open("/checkout.html");
    assertThat(page.locator("#page")).containsText("Checkout is temporarily unavailable");
    browser.screenshot("checkout-api-down");
  }
}
