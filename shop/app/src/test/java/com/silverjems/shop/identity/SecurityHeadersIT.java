package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.shop.testing.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSP without unsafe-inline, HSTS, frame-ancestors, referrer policy: on every response. */
class SecurityHeadersIT extends IdentityIT {

  @Test
  void everyKindOfResponseCarriesTheSecurityHeaders() {
    String email = uniqueEmail("headers");
    account(email, "shopper password 3");
    String shopperEmail = uniqueEmail("shopper");
    account(shopperEmail, "shopper password 4");
    Browser shopper = signedIn(shopperEmail, "shopper password 4");
    Browser limited = browser();
    for (int i = 0; i < 6; i++) {
      limited.post("/api/auth/login", credentials(email, "wrong " + i));
    }
    List<Browser.Response> responses =
        List.of(
            browser().get("/api/categories"), // 200
            browser().get("/api/account"), // 401
            shopper.get("/api/admin/mfa"), // 403
            browser().withoutCsrfToken().post("/api/auth/logout", null), // 403 (CSRF)
            browser().get("/api/products?size=1000"), // 400
            limited.post("/api/auth/login", credentials(email, "wrong")), // 429
            browser().post("/api/auth/register", Map.of()), // 400 validation
            browser().get("/actuator/health"), // 200 actuator
            browser().get("/no-such-file.txt")); // 404
    assertThat(responses)
        .extracting(Browser.Response::status)
        .contains(200, 401, 403, 400, 429, 404);
    for (Browser.Response response : responses) {
      String csp = response.header("Content-Security-Policy").orElse("");
      assertThat(csp)
          .as("CSP of %s", response)
          .contains("default-src 'self'")
          .contains("frame-ancestors 'none'")
          .contains("object-src 'none'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      assertThat(response.header("Strict-Transport-Security"))
          .as("HSTS of %s", response)
          .hasValue("max-age=31536000 ; includeSubDomains");
      assertThat(response.header("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
      assertThat(response.header("X-Frame-Options")).hasValue("DENY");
      assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");
    }
  }
}
