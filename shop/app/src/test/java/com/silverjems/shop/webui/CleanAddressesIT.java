package com.silverjems.shop.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The local run serves pages at the clean addresses that emails, redirects and links use, as
 * CloudFront does in production: {@code /account} is account.html, {@code /admin/} the admin's
 * index page. Files keep their own names, and the API is untouched.
 */
class CleanAddressesIT {

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(SharedShop.get().baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aPageIsServedAtItsCleanAddress() throws Exception {
    HttpResponse<String> account = get("/account");
    assertThat(account.statusCode()).isEqualTo(200);
    assertThat(account.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(account.body()).contains("/js/pages/account.js");
    assertThat(get("/verify-email?token=abc").body()).contains("/js/pages/verify-email.js");
    assertThat(get("/admin/sign-in").body()).contains("/js/admin/sign-in.js");
    assertThat(get("/admin/").body()).contains("/js/admin/dashboard.js");
    assertThat(get("/").body()).contains("/js/pages/home.js");
  }

  @Test
  void filesKeepTheirNamesAndAreAlwaysRevalidated() throws Exception {
    HttpResponse<String> script = get("/js/api.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    assertThat(script.headers().allValues("Cache-Control"))
        .anySatisfy(v -> assertThat(v).contains("no-cache"));
    assertThat(get("/sw.js").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownAddressesAreNotFound() throws Exception {
    assertThat(get("/no-such-page").statusCode()).isEqualTo(404);
    assertThat(get("/js/no-such-script.js").statusCode()).isEqualTo(404);
    assertThat(get("/admin/no-such-page").statusCode()).isEqualTo(404);
  }
}
