package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.silverjems.shop.testing.Browser;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Google sign-in end to end against a real OpenID Connect provider (mock-oauth2-server on a free
 * port, standing in for accounts.google.com): the browser is redirected there, comes back with a
 * code, and the shop exchanges it and checks the id token.
 */
class GoogleSignInIT extends IdentityIT {

  private static final String CLIENT_ID = "test-client-id";

  @Test
  void aNewGoogleUserGetsAShopperSession() {
    String email = uniqueEmail("gina");
    String subject = "google-" + UUID.randomUUID();
    Browser browser = browser();

    Browser.Response landed = signInWithGoogle(browser, subject, email, true);

    assertThat(landed.status()).isEqualTo(302);
    assertThat(landedOn(landed)).isEqualTo("/account");
    JsonNode account = browser.get("/api/account").json();
    assertThat(account.path("email").asText()).isEqualTo(email);
    assertThat(account.path("roles").toString()).isEqualTo("[\"shopper\"]");
    assertThat(
            jdbc.sql("SELECT password_hash IS NULL FROM account WHERE email = :e")
                .param("e", email)
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void aVerifiedGoogleAddressLinksToTheExistingAccount() {
    String email = uniqueEmail("linda");
    UUID id = account(email, "her own password 1");
    String subject = "google-" + UUID.randomUUID();

    Browser browser = browser();
    signInWithGoogle(browser, subject, email.toUpperCase(), true);

    assertThat(browser.get("/api/account").json().path("accountId").asText())
        .isEqualTo(id.toString());
    // Both ways in keep working.
    assertThat(browser().post("/api/auth/login", credentials(email, "her own password 1")).status())
        .isEqualTo(200);
    Browser later = browser();
    signInWithGoogle(later, subject, "renamed-" + email, true);
    assertThat(later.get("/api/account").json().path("accountId").asText())
        .as("the Google subject, not the address, identifies the link")
        .isEqualTo(id.toString());
  }

  @Test
  void anUnconfirmedAccountClaimedThroughGoogleLosesThePasswordSomeoneElseMayHaveSet() {
    String email = uniqueEmail("victim");
    Browser squatter = browser();
    squatter.post(
        "/api/auth/register",
        Map.of("email", email, "password", "squatters password", "displayName", "Not Her"));

    Browser owner = browser();
    signInWithGoogle(owner, "google-" + UUID.randomUUID(), email, true);

    assertThat(owner.get("/api/account").status()).isEqualTo(200);
    assertThat(browser().post("/api/auth/login", credentials(email, "squatters password")).status())
        .isEqualTo(401);
  }

  @Test
  void anAddressGoogleHasNotVerifiedIsRefused() {
    String email = uniqueEmail("unverified");
    account(email, "the owners password");
    Browser browser = browser();

    Browser.Response landed =
        signInWithGoogle(browser, "google-" + UUID.randomUUID(), email, false);

    assertThat(landedOn(landed)).isEqualTo("/sign-in?error=google");
    assertThat(browser.get("/api/account").status()).isEqualTo(401);
  }

  @Test
  void aForgedIdTokenIsRejected() throws Exception {
    String email = uniqueEmail("forged");
    Browser browser = browser();
    URI authorize = startSignIn(browser);
    Map<String, String> request = query(authorize);

    // A token perfect in every way but its signature: the attacker's key under Google's key id.
    String keyId = JWKSet.load(GOOGLE.jwksUrl("google").url()).getKeys().get(0).getKeyID();
    RSAKey attackersKey = new RSAKeyGenerator(2048).keyID(keyId).generate();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).type(JOSEObjectType.JWT).build(),
            new JWTClaimsSet.Builder()
                .issuer(GOOGLE.issuerUrl("google").toString())
                .audience(CLIENT_ID)
                .subject("google-" + UUID.randomUUID())
                .claim("nonce", request.get("nonce"))
                .claim("email", email)
                .claim("email_verified", true)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .build());
    forged.sign(new RSASSASigner(attackersKey));
    GOOGLE_TOKEN_OVERRIDE.answerNextTokenRequestWith(
        "{\"access_token\":\"a-token\",\"token_type\":\"Bearer\",\"expires_in\":300,"
            + "\"id_token\":\""
            + forged.serialize()
            + "\"}");

    Browser.Response landed =
        browser.get(
            callback(
                request.get("redirect_uri"), "code-the-attacker-made-up", request.get("state")));

    assertThat(landedOn(landed)).isEqualTo("/sign-in?error=google");
    assertThat(browser.get("/api/account").status()).isEqualTo(401);
    assertThat(
            jdbc.sql("SELECT count(*) FROM account WHERE email = :e")
                .param("e", email)
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void anIdTokenForAnotherAudienceIsRejected() {
    // Genuinely signed by the provider, right nonce, but issued to another application.
    String email = uniqueEmail("audience");
    Browser browser = browser();
    Map<String, String> request = query(startSignIn(browser));
    answerTokenRequestWith(idToken("some-other-app", request.get("nonce"), email));

    Browser.Response landed =
        browser.get(callback(request.get("redirect_uri"), "a-code", request.get("state")));

    assertThat(landedOn(landed)).isEqualTo("/sign-in?error=google");
    assertThat(browser.get("/api/account").status()).isEqualTo(401);
  }

  @Test
  void theSameTokenForOurAudienceIsAccepted() {
    // The control of the test above: only the audience differs.
    String email = uniqueEmail("audience-ok");
    Browser browser = browser();
    Map<String, String> request = query(startSignIn(browser));
    answerTokenRequestWith(idToken(CLIENT_ID, request.get("nonce"), email));

    Browser.Response landed =
        browser.get(callback(request.get("redirect_uri"), "a-code", request.get("state")));

    assertThat(landedOn(landed)).isEqualTo("/account");
    assertThat(browser.get("/api/account").json().path("email").asText()).isEqualTo(email);
  }

  @Test
  void anIdTokenWithAnotherNonceIsRejected() {
    String email = uniqueEmail("nonce");
    Browser browser = browser();
    Map<String, String> request = query(startSignIn(browser));
    answerTokenRequestWith(idToken(CLIENT_ID, "a-nonce-from-another-sign-in", email));

    Browser.Response landed =
        browser.get(callback(request.get("redirect_uri"), "a-code", request.get("state")));

    assertThat(landedOn(landed)).isEqualTo("/sign-in?error=google");
  }

  private static String idToken(String audience, String nonce, String email) {
    return GOOGLE
        .issueToken(
            "google",
            audience,
            new DefaultOAuth2TokenCallback(
                "google",
                "google-" + UUID.randomUUID(),
                "JWT",
                List.of(audience),
                Map.of("nonce", nonce, "email", email, "email_verified", true),
                300))
        .serialize();
  }

  private static void answerTokenRequestWith(String idToken) {
    GOOGLE_TOKEN_OVERRIDE.answerNextTokenRequestWith(
        // The provider's user-info endpoint answers the claims of the bearer token: the id token
        // serves as the access token, so both name the same subject.
        "{\"access_token\":\""
            + idToken
            + "\",\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\""
            + idToken
            + "\"}");
  }

  @Test
  void aReplayedStateIsRejected() {
    String email = uniqueEmail("replay");
    Browser victim = browser();
    enqueueUser("google-" + UUID.randomUUID(), email, true);
    URI authorize = startSignIn(victim);
    String callback = providerRedirect(victim, authorize);
    assertThat(landedOn(victim.get(callback))).isEqualTo("/account");

    // The same callback (code and state) again, in the same browser and in another one.
    Browser.Response again = victim.get(callback);
    assertThat(landedOn(again)).isEqualTo("/sign-in?error=google");
    Browser attacker = browser();
    assertThat(landedOn(attacker.get(callback))).isEqualTo("/sign-in?error=google");
    assertThat(attacker.get("/api/account").status()).isEqualTo(401);

    // A state the browser never asked for (login CSRF): refused before the code is used.
    Browser other = browser();
    startSignIn(other);
    Browser.Response foreign =
        other.get(callback(query(authorize).get("redirect_uri"), "any-code", "forged-state"));
    assertThat(landedOn(foreign)).isEqualTo("/sign-in?error=google");
  }

  @Test
  void theAuthorizationRequestCarriesStateNonceAndTheOpenIdScope() {
    Map<String, String> request = query(startSignIn(browser()));
    assertThat(request.get("state")).hasSizeGreaterThan(20);
    assertThat(request.get("nonce")).hasSizeGreaterThan(20);
    assertThat(request.get("scope")).contains("openid").contains("email");
    assertThat(request.get("client_id")).isEqualTo(CLIENT_ID);
    assertThat(request.get("redirect_uri")).endsWith("/api/auth/oauth2/code/google");
  }

  /** The whole dance: shop, provider (which signs the user in at once), back to the shop. */
  private Browser.Response signInWithGoogle(
      Browser browser, String subject, String email, boolean emailVerified) {
    enqueueUser(subject, email, emailVerified);
    URI authorize = startSignIn(browser);
    return browser.get(providerRedirect(browser, authorize));
  }

  /** Where the shop sent the browser (Tomcat writes redirects as absolute URLs). */
  private static String landedOn(Browser.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(302);
    URI location = URI.create(response.header("Location").orElseThrow());
    return location.getRawPath()
        + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
  }

  private static void enqueueUser(String subject, String email, boolean emailVerified) {
    GOOGLE.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            "google",
            subject,
            "JWT",
            null,
            Map.of("email", email, "email_verified", emailVerified, "name", "Gina Google"),
            300));
  }

  /** {@code silverjems.identity.public-base-url} of the test properties. */
  private static final String PUBLIC_BASE_URL = "https://shop.test";

  private static URI startSignIn(Browser browser) {
    Browser.Response start = browser.get("/api/auth/oauth2/authorization/google");
    assertThat(start.status()).isEqualTo(302);
    URI authorize = URI.create(start.header("Location").orElseThrow());
    assertThat(authorize.toString())
        .startsWith(GOOGLE.authorizationEndpointUrl("google").toString());
    return authorize;
  }

  private static String providerRedirect(Browser browser, URI authorize) {
    Browser.Response provider = browser.get(authorize.toString());
    assertThat(provider.status()).as(provider.body()).isEqualTo(302);
    // The provider sends the browser to the public address; CloudFront forwards its path and
    // query to the shop, which this test reaches directly.
    URI back = URI.create(provider.header("Location").orElseThrow());
    assertThat(back.getScheme() + "://" + back.getRawAuthority()).isEqualTo(PUBLIC_BASE_URL);
    return back.getRawPath() + "?" + back.getRawQuery();
  }

  private static Map<String, String> query(URI uri) {
    return UriComponentsBuilder.fromUri(uri)
        .build()
        .getQueryParams()
        .toSingleValueMap()
        .entrySet()
        .stream()
        .collect(
            java.util.stream.Collectors.toMap(
                Map.Entry::getKey,
                e ->
                    java.net.URLDecoder.decode(
                        e.getValue(), java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * Where Google sends the browser back: the public address (silverjems.identity.public-base-url),
   * which CloudFront forwards to the shop; here the path goes straight to the shop under test.
   */
  private static String callback(String redirectUri, String code, String state) {
    return UriComponentsBuilder.fromPath(URI.create(redirectUri).getRawPath())
        .queryParam("code", code)
        .queryParam("state", state)
        .build()
        .toUriString();
  }
}
