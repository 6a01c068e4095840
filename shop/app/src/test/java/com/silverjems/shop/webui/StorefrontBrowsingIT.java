package com.silverjems.shop.webui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** A shopper on a phone browses the catalogue: home, a category with filters, a product. */
class StorefrontBrowsingIT {

  static RunningShop shop;
  static Chromium chromium;
  BrowserSession browser;

  @BeforeAll
  static void start() {
    chromium = Chromium.launch();
    shop = RunningShop.start("webui_browsing");
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void openBrowser(TestInfo test) {
    browser =
        chromium.session(
            shop.baseUrl(),
            Chromium.PHONE,
            BrowserSession.screenshotsOf(getClass())
                .resolve(test.getTestMethod().orElseThrow().getName()));
  }

  @AfterEach
  void closeBrowser() {
    browser.assertNoConsoleErrors();
    browser.close();
  }

  @Test
  void homeShowsCategoriesAndNewPieces() {
    Page page = browser.open("/");
    assertThat(page.locator(".category-tiles a"))
        .hasText(new String[] {"Rings", "Necklaces", "Earrings"});
    assertThat(page.locator(".product-grid .product-card")).hasCount(7);
    assertThat(
            page.getByRole(
                AriaRole.LINK, new Page.GetByRoleOptions().setName("Rings").setExact(true)))
        .hasCount(2);
    browser.screenshot("home");
  }

  @Test
  void categoryFiltersNarrowAndSortTheRings() {
    Page page = browser.open("/category.html?slug=rings");
    assertThat(page.locator("#page-title")).hasText("Rings");
    Locator cards = page.locator(".product-card .product-card__name");
    assertThat(cards)
        .hasText(new String[] {"Hammered Band Ring", "Moonstone Signet Ring", "Twisted Rope Ring"});
    browser.screenshot("rings");

    page.getByLabel("Max price (£)").fill("50");
    assertThat(cards).hasText(new String[] {"Twisted Rope Ring"});
    assertThat(page.locator("#result-count")).hasText("1 piece");
    assertThat(page).hasURL(java.util.regex.Pattern.compile("maxPrice=50"));

    page.getByLabel("Max price (£)").fill("");
    page.getByLabel("Sort by").selectOption("price-desc");
    assertThat(cards)
        .hasText(new String[] {"Moonstone Signet Ring", "Hammered Band Ring", "Twisted Rope Ring"});
    browser.screenshot("rings-by-price");

    // The filters live in the address: a reload (or a shared link) shows the same list.
    page.reload();
    browser.awaitDrawn();
    assertThat(page.getByLabel("Sort by")).hasValue("price-desc");
    assertThat(cards.first()).hasText("Moonstone Signet Ring");
  }
}
