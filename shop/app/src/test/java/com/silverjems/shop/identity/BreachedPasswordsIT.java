package com.silverjems.shop.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Breached passwords, checked against Have I Been Pwned's range API. Nothing like it runs here, so
 * WireMock answers exactly as the real API does: {@code GET /range/<5 hex>} gives lines of {@code
 * <35 hex suffix>:<count>}.
 */
class BreachedPasswordsIT {

  private WireMockServer pwned;
  private PasswordPolicy policy;

  @BeforeEach
  void start() {
    pwned = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    pwned.start();
    IdentityProperties.Passwords passwords =
        new IdentityProperties.Passwords(
            12,
            true,
            URI.create("http://localhost:" + pwned.port() + "/range/"),
            2,
            8,
            java.time.Duration.ofSeconds(1),
            // Generous: a fresh WireMock's first answer can take seconds on a loaded CI machine,
            // and a timed-out look-up fails open, which this test would read as "not asked".
            java.time.Duration.ofSeconds(30));
    IdentityProperties properties =
        new IdentityProperties(
            URI.create("https://shop.test"), null, null, null, passwords, null, null, "");
    policy =
        new PasswordPolicy(
            properties, new PasswordsConfiguration().compromisedPasswordChecker(properties));
  }

  @AfterEach
  void stop() {
    pwned.stop();
  }

  @Test
  void aPasswordFoundInBreachesIsRejected() throws Exception {
    String password = "correct horse battery staple";
    String sha1 = sha1(password);
    pwned.stubFor(
        get(urlEqualTo("/range/" + sha1.substring(0, 5)))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/plain")
                    .withBody(
                        "0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n"
                            + sha1.substring(5)
                            + ":3645804\r\n"
                            + "00D4F6E8FA6EECAD2A3AA415EEC418D38EC:2")));

    assertThatThrownBy(() -> policy.check(password, "someone@example.com"))
        .isInstanceOf(IdentityProblems.PasswordRejected.class)
        .satisfies(
            e ->
                assertThat(
                        (List<?>)
                            ((IdentityProblems.PasswordRejected) e)
                                .getBody()
                                .getProperties()
                                .get("reasons"))
                    .singleElement()
                    .asString()
                    .contains("known data breaches"));
  }

  @Test
  void aPasswordNotInTheRangeIsAccepted() throws Exception {
    String password = "a very unusual sentence of mine";
    pwned.stubFor(
        get(urlEqualTo("/range/" + sha1(password).substring(0, 5)))
            .willReturn(aResponse().withBody("0018A45C4D1DEF81644B54AB7F969B88D65:1")));

    policy.check(password, "someone@example.com");

    assertThat(pwned.getAllServeEvents()).hasSize(1);
    // Only the 5-character prefix left the shop.
    assertThat(pwned.getAllServeEvents().get(0).getRequest().getUrl())
        .isEqualTo("/range/" + sha1(password).substring(0, 5));
  }

  private static String sha1(String password) throws Exception {
    return HexFormat.of()
        .withUpperCase()
        .formatHex(
            MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
  }
}
