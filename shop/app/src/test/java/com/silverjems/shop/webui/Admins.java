package com.silverjems.shop.webui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Admin accounts for browser tests, and the admin's phone: reading the enrolment QR code and making
 * TOTP codes (RFC 6238: SHA-1, 6 digits, 30-second steps) as an authenticator app does.
 */
final class Admins {

  record Admin(UUID id, String email, String password) {}

  private Admins() {}

  /** A new admin with a password and no second factor yet, made directly in the database. */
  static Admin create(RunningShop shop, String who) {
    String email = who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@silverjems.test";
    String password = "workshop bench and a loupe " + UUID.randomUUID();
    UUID id = UUID.randomUUID();
    JdbcClient.create(shop.database().dataSource())
        .sql(
            """
            INSERT INTO account (id, email, email_normalized, display_name, password_hash,
                                 email_verified_at, roles)
            VALUES (:id, :email, lower(:email), 'Shop admin', :hash, now(),
                    ARRAY['SHOPPER', 'ADMIN'])
            """)
        .param("id", id)
        .param("email", email)
        .param("hash", shop.bean(PasswordEncoder.class).encode(password))
        .update();
    return new Admin(id, email, password);
  }

  /** What the authenticator app reads from the QR code: the otpauth:// URI. */
  static String scan(String pngDataUri) {
    try {
      byte[] png = Base64.getDecoder().decode(pngDataUri.substring(pngDataUri.indexOf(',') + 1));
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      var source = new BufferedImageLuminanceSource(image);
      var hints = java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE);
      // As a phone does: another look with another thresholding when the first finds nothing.
      com.google.zxing.ReaderException last = null;
      for (var binarizer :
          List.of(
              new HybridBinarizer(source),
              new com.google.zxing.common.GlobalHistogramBinarizer(source))) {
        try {
          return new QRCodeReader().decode(new BinaryBitmap(binarizer), hints).getText();
        } catch (com.google.zxing.ReaderException e) {
          last = e;
        }
      }
      throw new AssertionError("the enrolment QR code does not scan", last);
    } catch (IOException e) {
      throw new AssertionError("the enrolment QR code does not scan", e);
    }
  }

  /** The base32 secret inside an otpauth:// URI. */
  static String secretOf(String otpauthUri) {
    return Arrays.stream(URI.create(otpauthUri).getRawQuery().split("&"))
        .filter(pair -> pair.startsWith("secret="))
        .map(pair -> URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no secret in " + otpauthUri));
  }

  /**
   * The code for the 30-second step {@code stepsAhead} after now. The shop accepts one step of
   * clock skew and never the same step twice, so a second sign-in uses the next step's code.
   */
  static String code(String secret, int stepsAhead) {
    try {
      long step = Instant.now().getEpochSecond() / 30 + stepsAhead;
      return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
    } catch (CodeGenerationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs in with the password and enrols the app from the QR code; answers the TOTP secret. */
  static String enrol(BrowserSession browser, Admin admin, boolean screenshots) {
    Page page = browser.open("/admin/");
    page.waitForURL("**/admin/sign-in?next=*");
    browser.awaitDrawn();
    page.getByLabel("Email").fill(admin.email());
    page.getByLabel("Password").fill(admin.password());
    if (screenshots) {
      browser.screenshot("password");
    }
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();

    page.waitForURL("**/admin/mfa?next=*");
    browser.awaitDrawn();
    Locator qr = page.getByAltText("QR code for your authenticator app");
    assertThat(qr).isVisible();
    String uri = scan(qr.getAttribute("src"));
    assertThat(uri).startsWith("otpauth://totp/").contains("issuer=Silver");
    String secret = secretOf(uri);
    assertThat(page.locator("#mfa-secret").textContent().replace(" ", "")).isEqualTo(secret);
    if (screenshots) {
      browser.screenshot("enrolment-qr");
    }
    page.getByLabel("6-digit code from the app").fill(code(secret, 0));
    page.getByRole(
            AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn on two-step verification"))
        .click();
    assertThat(page.locator("#recovery-codes li")).hasCount(10);
    if (screenshots) {
      browser.screenshot("recovery-codes");
    }
    page.getByRole(
            AriaRole.LINK,
            new Page.GetByRoleOptions().setName(Pattern.compile("I have saved them")))
        .click();
    page.waitForURL("**/admin/");
    browser.awaitDrawn();
    if (screenshots) {
      // The dashboard: the one admin page no other step shows (and so axe-checks).
      browser.screenshot("dashboard");
    }
    return secret;
  }
}
