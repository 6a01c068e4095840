package com.silverjems.shop.webui;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.silverjems.schema.calls.AdminCallSignature;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Admins on a laptop: enrolment of the authenticator app from the QR code, sign-in with password
 * and TOTP code, a price change that shoppers see at once and that the audit log records, and no
 * way into the admin pages (or API) with the password alone.
 */
class AdminJourneyIT {

  /** What the enrolment shows: the password step, the second factor, then the dashboard. */
  static final List<String> ENROLMENT_PAGES = List.of("/admin/sign-in", "/admin/mfa", "/admin/");

  /** The admin's other pages, each opened and axe-checked once signed in. */
  static final List<String> SIGNED_IN_PAGES =
      List.of(
          "/admin/products",
          "/admin/product?slug=hammered-band-ring",
          "/admin/orders",
          "/admin/audit",
          "/admin/email",
          "/admin/admins");

  static RunningShop shop;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    chromium = Chromium.launch();
    shop = SharedShop.get();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  private BrowserSession admin(TestInfo test) {
    return chromium.session(
        shop.baseUrl(),
        Chromium.DESKTOP,
        BrowserSession.screenshotsOf(getClass())
            .resolve(test.getTestMethod().orElseThrow().getName()));
  }

  @Test
  void everyAdminPagePassesTheAccessibilityChecks(TestInfo test) {
    WireMockServer hub = shop.emailHub();
    hub.resetAll();
    hub.stubFor(get(urlPathEqualTo("/api/admin/email/dead-letters")).willReturn(okJson("[]")));
    hub.stubFor(get(urlPathEqualTo("/api/admin/email/suppressions")).willReturn(okJson("[]")));
    Admins.Admin admin = Admins.create(shop, "auditor");
    try (BrowserSession browser = admin(test)) {
      // Each screenshot also runs axe-core and the console check.
      Admins.enrol(browser, admin, true);
      for (String path : SIGNED_IN_PAGES) {
        browser.open(path);
        browser.screenshot(path.substring("/admin/".length()).replaceAll("[^a-z0-9]+", "-"));
      }
    }
  }

  @Test
  void anAdminSignsInWithATotpCodeEditsAPriceAndTheStorefrontShowsIt(TestInfo test) {
    Admins.Admin admin = Admins.create(shop, "owner");
    try (BrowserSession browser = admin(test)) {
      Page page = browser.page();
      String secret = Admins.enrol(browser, admin, true);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
      page.waitForURL("**/admin/sign-in");

      // A real sign-in: password, then the code the app shows now.
      browser.awaitDrawn();
      page.getByLabel("Email").fill(admin.email());
      page.getByLabel("Password").fill(admin.password());
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
      page.getByLabel("6-digit code from your authenticator app").fill(Admins.code(secret, 1));
      browser.screenshot("totp-code");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
      page.waitForURL("**/admin/products");
      browser.awaitDrawn();
      assertThat(page.locator("#admin-products")).containsText("Fine Curb Chain");
      browser.screenshot("products");

      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Fine Curb Chain")).click();
      browser.awaitDrawn();
      Locator price = page.getByLabel("Price of NCK-CRB-20 (size 20in) in GBP");
      assertThat(price).hasValue("46.00");
      price.fill("49.50");
      page.getByRole(
              AriaRole.BUTTON,
              new Page.GetByRoleOptions().setName("Save price of NCK-CRB-20 (size 20in)"))
          .click();
      assertThat(page.locator("tr[data-sku='NCK-CRB-20'] .variant-status"))
          .hasText("Price saved: £49.50");
      browser.screenshot("price-edited");

      page.locator("#site-header")
          .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit log"))
          .click();
      browser.awaitDrawn();
      Locator entry = page.locator("#audit-log tbody tr").first();
      assertThat(entry).containsText("NCK-CRB-20");
      assertThat(entry).containsText("4600 → 4950");
      // Who: the admin's account (the audit log records the session's account id).
      assertThat(entry).containsText(admin.id().toString());
      browser.screenshot("audit-log");
      browser.assertNoConsoleErrors();
    }

    // A shopper, in their own browser, sees the new price straight away.
    try (BrowserSession shopper =
        chromium.session(
            shop.baseUrl(),
            Chromium.PHONE,
            BrowserSession.screenshotsOf(getClass())
                .resolve(test.getTestMethod().orElseThrow().getName() + "-shopper"))) {
      Page page = shopper.open("/product?slug=fine-curb-chain");
      page.getByLabel("20in", new Page.GetByLabelOptions().setExact(true)).check();
      assertThat(page.locator("#price")).hasText("£49.50");
      shopper.screenshot("storefront-new-price");
    }
  }

  @Test
  void anAdminWithoutTheSecondFactorCannotReachAdminPages(TestInfo test) {
    Admins.Admin admin = Admins.create(shop, "assistant");
    try (BrowserSession enrolment = admin(test)) {
      Admins.enrol(enrolment, admin, false);
    }
    try (BrowserSession browser = admin(test)) {
      Page page = browser.open("/admin/sign-in");
      page.getByLabel("Email").fill(admin.email());
      page.getByLabel("Password").fill(admin.password());
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
      assertThat(page.getByLabel("6-digit code from your authenticator app")).isVisible();
      browser.screenshot("code-asked");

      // Password given, code not: every admin page sends the admin back to the code step...
      for (String adminPage : new String[] {"/admin/products", "/admin/orders", "/admin/audit"}) {
        page.navigate(adminPage);
        page.waitForURL(Pattern.compile(".*/admin/sign-in\\?step=code&next=.*"));
        browser.awaitDrawn();
        assertThat(page.getByLabel("6-digit code from your authenticator app")).isVisible();
        assertThat(page.locator("#admin-products")).hasCount(0);
      }
      browser.screenshot("sent-back-to-code");
      // ... and the admin API itself refuses the session, whatever the page does.
      assertThat(page.request().get("/api/admin/products").status()).isEqualTo(403);
      assertThat(page.request().get("/api/admin/orders").status()).isEqualTo(403);
      assertThat(page.request().get("/api/admin/audit-log").status()).isEqualTo(403);
    }
  }

  @Test
  void anAdminUploadsAPhotoAndFollowsItThroughThePipeline(TestInfo test) throws Exception {
    Admins.Admin admin = Admins.create(shop, "photographer");
    PipelineOutput pipeline = new PipelineOutput(shop);
    long chain = pipeline.productId("pebble-pendant-necklace");
    try (BrowserSession browser = admin(test)) {
      Page page = browser.page();
      Admins.enrol(browser, admin, false);
      browser.open("/admin/product?slug=pebble-pendant-necklace");
      page.getByText("Photos").click();
      assertThat(page.locator("#photos")).containsText("No photos yet");
      page.getByLabel("Photo")
          .setInputFiles(
              new com.microsoft.playwright.options.FilePayload(
                  "pebble pendant.jpg",
                  "image/jpeg",
                  java.nio.file.Files.readAllBytes(
                      java.nio.file.Path.of(
                          "src/test/resources/static/test-renditions/hammered-band-ring-320.jpg"))));
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload photo")).click();
      assertThat(page.locator("#photos")).containsText("pebble pendant.jpg uploaded");
      Locator row = page.locator("#uploads tbody tr").first();
      assertThat(row).containsText("pebble-pendant.jpg");
      assertThat(row).containsText("Waiting for processing");
      browser.screenshot("uploaded");

      // In the upload bucket, where the pipeline looks for it.
      var stored = shop.uploads().objects("incoming/" + chain + "/");
      assertThat(stored).hasSize(1);
      String key = stored.get(0).key();
      assertThat(key).endsWith("-pebble-pendant.jpg");

      // The pipeline publishes it; the page, still watching, shows the verdict and the photo.
      pipeline.published("pebble-pendant-necklace", key, "hammered-band-ring");
      assertThat(row).containsText("In the shop");
      assertThat(page.locator("#published-photos img")).hasCount(1);
      browser.screenshot("published");
    }

    try (BrowserSession shopper =
        chromium.session(
            shop.baseUrl(),
            Chromium.PHONE,
            BrowserSession.screenshotsOf(getClass())
                .resolve(test.getTestMethod().orElseThrow().getName() + "-shopper"))) {
      Page page = shopper.open("/product?slug=pebble-pendant-necklace");
      Locator photo = page.locator(".gallery__main img");
      assertThat(photo)
          .hasAttribute("srcset", Pattern.compile("-320\\.jpg 320w, .*-1600\\.jpg 1600w"));
      assertThat(photo).hasAttribute("alt", "Pebble Pendant Necklace");
      shopper.screenshot("storefront-photo");
    }
  }

  @Test
  void anAdminRetriesADeadLetterAndLiftsASuppression(TestInfo test) {
    WireMockServer hub = shop.emailHub();
    hub.resetAll();
    // Shaped like integration-routes' EmailAdminController answers (DeadLetter, Suppression).
    hub.stubFor(
        get(urlPathEqualTo("/api/admin/email/dead-letters"))
            .willReturn(
                okJson(
                    """
                    [{"id": 41, "outboxEventId": "0b6f2f5e-3a52-4c4e-9a53-2f6b8f2d1a10",
                      "eventType": "order-placed", "recipient": "grace@example.com",
                      "reason": "SES throttled every attempt", "attempts": 8,
                      "createdAt": "2026-11-24T09:15:00Z", "redrivenAt": null}]
                    """)));
    hub.stubFor(
        get(urlPathEqualTo("/api/admin/email/suppressions"))
            .willReturn(
                okJson(
                    """
                    [{"email": "old-address@example.com", "reason": "hard_bounce",
                      "detail": "550 5.1.1 mailbox unavailable", "sesMessageId": "0100018c-aaaa",
                      "createdAt": "2026-11-20T16:40:00Z"}]
                    """)));
    hub.stubFor(
        post(urlEqualTo("/api/admin/email/dead-letters/41/redrive"))
            .willReturn(aResponse().withStatus(202)));
    // The address travels percent-encoded, as the browser sends it.
    String lift = "/api/admin/email/suppressions/old-address(@|%40)example\\.com";
    hub.stubFor(delete(urlPathMatching(lift)).willReturn(aResponse().withStatus(204)));

    Admins.Admin admin = Admins.create(shop, "postmaster");
    try (BrowserSession browser = admin(test)) {
      Page page = browser.page();
      Admins.enrol(browser, admin, false);
      page.locator("#site-header")
          .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Email"))
          .click();
      browser.awaitDrawn();
      Locator deadLetter = page.locator("#dead-letter-table tr[data-id='41']");
      assertThat(deadLetter).containsText("grace@example.com");
      assertThat(deadLetter).containsText("SES throttled every attempt");
      assertThat(page.locator("#suppressed")).containsText("old-address@example.com");
      assertThat(page.locator("#suppressed")).containsText("hard bounce");
      browser.screenshot("deliverability");

      deadLetter
          .getByRole(
              AriaRole.BUTTON,
              new Locator.GetByRoleOptions().setName("Retry email to grace@example.com"))
          .click();
      assertThat(deadLetter).containsText("Queued to send again");
      hub.verify(1, postRequestedFor(urlEqualTo("/api/admin/email/dead-letters/41/redrive")));

      page.waitForResponse(
          response -> "DELETE".equals(response.request().method()),
          () ->
              page.getByRole(
                      AriaRole.BUTTON,
                      new Page.GetByRoleOptions()
                          .setName("Lift suppression of old-address@example.com"))
                  .click());
      hub.verify(1, deleteRequestedFor(urlPathMatching(lift)));
      browser.screenshot("retried");

      // Each call reached the hub signed, on behalf of this admin, with the key the hub has.
      AdminCallSignature signature = new AdminCallSignature(RunningShop.EMAIL_HUB_KEY);
      for (LoggedRequest call :
          hub.findAll(anyRequestedFor(urlPathMatching("/api/admin/email/.*")))) {
        String target = URI.create(call.getAbsoluteUrl()).getRawPath();
        String query = URI.create(call.getAbsoluteUrl()).getRawQuery();
        assertThat(call.getHeader(AdminCallSignature.ACTOR_HEADER))
            .isEqualTo(admin.id().toString());
        assertThat(
                signature.verify(
                    call.getMethod().getName(),
                    query == null ? target : target + "?" + query,
                    call.getHeader(AdminCallSignature.TIMESTAMP_HEADER),
                    call.getHeader(AdminCallSignature.ACTOR_HEADER),
                    call.getBody(),
                    call.getHeader(AdminCallSignature.SIGNATURE_HEADER),
                    Instant.now()))
            .as(call.getMethod() + " " + target)
            .isEqualTo(AdminCallSignature.Verdict.VALID);
      }
      // ... and the two changes are in the shop's audit log under the admin's account id.
      assertThat(
              JdbcClient.create(shop.database().dataSource())
                  .sql(
                      "SELECT action || ' ' || entity_id FROM admin_audit_log"
                          + " WHERE actor = :actor AND action LIKE 'email.%' ORDER BY id")
                  .param("actor", admin.id().toString())
                  .query(String.class)
                  .list())
          .containsExactly(
              "email.dead-letter-redriven 41", "email.suppression-lifted old-address@example.com");
    }
  }

  /** A guest buys the droplet studs and pays, through the shop's API as the storefront calls it. */
  private static String paidOrder(BrowserSession guest) {
    com.microsoft.playwright.APIRequestContext api = guest.page().request();
    api.get("/api/auth/session");
    String token =
        guest.context().cookies().stream()
            .filter(cookie -> cookie.name.equals("XSRF-TOKEN"))
            .findFirst()
            .orElseThrow()
            .value;
    com.microsoft.playwright.options.RequestOptions json =
        com.microsoft.playwright.options.RequestOptions.create()
            .setHeader("X-XSRF-TOKEN", token)
            .setHeader("Content-Type", "application/json");
    com.google.gson.JsonObject cart =
        com.google.gson.JsonParser.parseString(api.post("/api/cart", json.setData("{}")).text())
            .getAsJsonObject();
    String cartId = cart.get("id").getAsString();
    api.put("/api/cart/" + cartId + "/items/EAR-DRP-OS", json.setData("{\"quantity\": 1}"));
    com.google.gson.JsonObject placed =
        com.google.gson.JsonParser.parseString(
                api.post(
                        "/api/checkout",
                        json.setHeader("Idempotency-Key", java.util.UUID.randomUUID().toString())
                            .setData(
                                """
                                {"cartId": "%s", "email": "mary@example.com", "name": "Mary Anning",
                                 "shippingAddress": {"name": "Mary Anning", "line1": "1 Cobb Road",
                                   "city": "Lyme Regis", "postcode": "DT7 3JP", "country": "GB"}}
                                """
                                    .formatted(cartId)))
                    .text())
            .getAsJsonObject();
    String intent = placed.getAsJsonObject("payment").get("intentId").getAsString();
    assertThat(api.post("/api/payments/local/intents/" + intent + "/pay", json.setData("{}")).ok())
        .isTrue();
    return placed.getAsJsonObject("order").get("number").getAsString();
  }

  @Test
  void anAdminPacksAndShipsAPaidOrder(TestInfo test) {
    String number;
    try (BrowserSession guest =
        chromium.session(
            shop.baseUrl(),
            Chromium.PHONE,
            BrowserSession.screenshotsOf(getClass()).resolve("guest"))) {
      number = paidOrder(guest);
    }
    Admins.Admin admin = Admins.create(shop, "packer");
    try (BrowserSession browser = admin(test)) {
      Page page = browser.page();
      Admins.enrol(browser, admin, false);
      browser.open("/admin/orders?status=paid");
      Locator row = page.locator("#admin-orders tr[data-number='" + number + "']");
      assertThat(row).containsText("Mary Anning");
      // The expiry setting, read-only: the default time to pay and where it is set.
      assertThat(page.locator("#unpaid-ttl")).containsText("30 minutes after they are placed");
      assertThat(page.locator("#unpaid-ttl")).containsText("silverjems.orders.unpaid-ttl");
      browser.screenshot("paid-orders");
      row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(number)).click();
      browser.awaitDrawn();
      assertThat(page.locator("#admin-order-status")).hasText("paid");

      // Only the moves the state machine allows are offered.
      Locator next = page.getByLabel("Next step");
      assertThat(next.locator("option")).hasText(new String[] {"Mark packed"});
      next.selectOption("packed");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
      assertThat(page.locator("#admin-order-status")).hasText("packed");

      next = page.getByLabel("Next step");
      next.selectOption("shipped");
      page.getByLabel("Tracking number").fill("RM123456785GB");
      page.getByLabel("Tracking link").fill("https://track.example/RM123456785GB");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
      assertThat(page.locator("#admin-order-status")).hasText("shipped");
      assertThat(page.locator("#order-timeline li")).hasCount(4);
      assertThat(page.locator("#order-timeline")).containsText("packed → shipped");
      assertThat(page.locator("#page")).containsText("tracking RM123456785GB");
      browser.screenshot("shipped");
    }
  }

  @Test
  void anAdminRefundsAPaidOrderThroughTheProviderAndSeesItSettle(TestInfo test) {
    String number;
    try (BrowserSession guest =
        chromium.session(
            shop.baseUrl(),
            Chromium.PHONE,
            BrowserSession.screenshotsOf(getClass()).resolve("refund-guest"))) {
      number = paidOrder(guest);
    }
    Admins.Admin admin = Admins.create(shop, "refunder");
    try (BrowserSession browser = admin(test)) {
      Page page = browser.page();
      Admins.enrol(browser, admin, false);
      browser.open("/admin/orders?number=" + number);
      assertThat(page.locator("#admin-order-status")).hasText("paid");
      assertThat(page.locator("#page")).containsText("No refunds yet.");
      org.assertj.core.api.Assertions.assertThat(Axe.violations(page)).isEmpty();

      page.getByLabel("Reason (optional)").fill("ring too small");
      page.getByRole(
              AriaRole.BUTTON,
              new Page.GetByRoleOptions().setName("Refund through the card provider"))
          .click();

      // The local provider's signed webhook settles the refund before the API call returns.
      assertThat(page.locator("#order-refunds .refund-status")).hasText("succeeded");
      assertThat(page.locator("#admin-order-status")).hasText("refunded");
      assertThat(page.locator("#order-refunds")).containsText("Whole order");
      org.assertj.core.api.Assertions.assertThat(Axe.violations(page)).isEmpty();
      browser.screenshot("refunded");
    }
  }
}
