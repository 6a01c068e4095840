package com.silverjems.shop.webui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shopper's whole journey on a phone: browse to a ring, add it in a size, create an account
 * (confirming the address from the emailed link), check out, pay, and find the order in the account
 * with its status.
 */
class ShopperJourneyIT {

  Chromium chromium;
  RunningShop shop;
  BrowserSession browser;

  @BeforeEach
  void start() {
    chromium = Chromium.launch();
    shop = SharedShop.get();
    browser =
        chromium.session(
            shop.baseUrl(), Chromium.PHONE, BrowserSession.screenshotsOf(ShopperJourneyIT.class));
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.assertNoConsoleErrors();
      browser.close();
    }
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void aShopperBuysARingInTheirSizeAndSeesTheOrder() {
    String email = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Page page = browser.open("/");
    browser.screenshot("home");

    page.locator(".category-tiles")
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Rings").setExact(true))
        .click();
    browser.awaitDrawn();
    page.getByRole(
            AriaRole.LINK,
            new Page.GetByRoleOptions().setName(Pattern.compile("Hammered Band Ring")))
        .click();
    browser.awaitDrawn();
    assertThat(page.locator("#page-title")).hasText("Hammered Band Ring");
    page.getByLabel("N", new Page.GetByLabelOptions().setExact(true)).check();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to basket")).click();
    assertThat(page.locator("#add-message"))
        .containsText("Hammered Band Ring, size N, is in your basket");
    assertThat(page.locator(".cart-count")).hasText("1");
    browser.screenshot("ring-added");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("View basket")).click();
    browser.awaitDrawn();
    assertThat(page.locator(".cart-line")).hasCount(1);
    assertThat(page.locator(".cart-line")).containsText("Size N");
    assertThat(page.locator("#cart-total")).hasText("£65.00");
    browser.screenshot("basket");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Checkout")).click();
    browser.awaitDrawn();
    page.locator("#checkout-sign-in")
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("create an account"))
        .click();
    browser.awaitDrawn();
    page.getByLabel("Your name").fill("Ada Lovelace");
    page.getByLabel("Email").fill(email);
    page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true))
        .fill("silver moonlight over the harbour 42");
    browser.screenshot("sign-up");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
    assertThat(page.locator("#page")).containsText("Check your email");
    browser.screenshot("check-your-email");

    // The link from the verification email.
    browser.open(new Outbox(shop).linkSentTo(email, "email-verification-requested"));
    assertThat(page.locator("#page")).containsText("your email is confirmed");
    browser.screenshot("email-confirmed");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in")).last().click();
    browser.awaitDrawn();
    page.getByLabel("Email").fill(email);
    page.getByLabel("Password").fill("silver moonlight over the harbour 42");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

    // Back at checkout, signed in, with the basket kept from before signing in.
    page.waitForURL("**/checkout");
    browser.awaitDrawn();
    assertThat(page.locator("#page")).containsText("Signed in as " + email);
    assertThat(page.locator("#checkout-total")).hasText("£65.00");
    page.getByLabel("Address line 1").fill("12 St James's Square");
    page.getByLabel("Town or city").fill("London");
    page.getByLabel("Postcode").fill("SW1Y 4JH");
    browser.screenshot("checkout");
    page.getByRole(
            AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Place order")))
        .click();

    page.waitForURL(Pattern.compile(".*/order\\?number=.*"));
    browser.awaitDrawn();
    assertThat(page.locator("#page")).containsText("Your order");
    assertThat(page.locator("#order-status")).hasText("Awaiting payment");
    browser.screenshot("order-placed");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Pay £65.00")).click();
    assertThat(page.locator("#order-status")).hasText("Paid: being made ready");
    assertThat(page.locator("#order-lines")).containsText("Hammered Band Ring (size N)");
    browser.screenshot("order-paid");
    String number = page.url().replaceAll(".*number=([^&]+).*", "$1");

    page.locator("#site-header")
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Your account"))
        .click();
    browser.awaitDrawn();
    Locator row = page.locator("#orders tr[data-number='" + number + "']");
    assertThat(row).containsText("£65.00");
    assertThat(row).containsText("Paid");
    assertThat(page.locator(".cart-count")).hasText("0");
    browser.screenshot("account-orders");
  }
}
