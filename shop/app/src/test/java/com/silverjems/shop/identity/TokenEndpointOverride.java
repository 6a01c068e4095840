package com.silverjems.shop.identity;

import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * Lets a test answer the provider's next token request itself (an attacker's forged id token, say);
 * every other request is the provider's own.
 */
final class TokenEndpointOverride implements Route {

  private final AtomicReference<String> nextBody = new AtomicReference<>();

  void answerNextTokenRequestWith(String json) {
    nextBody.set(json);
  }

  @Override
  public boolean match(OAuth2HttpRequest request) {
    return nextBody.get() != null && request.getUrl().encodedPath().endsWith("/token");
  }

  @Override
  public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
    return new OAuth2HttpResponse(
        Headers.of("Content-Type", "application/json"), 200, nextBody.getAndSet(null), null);
  }
}
