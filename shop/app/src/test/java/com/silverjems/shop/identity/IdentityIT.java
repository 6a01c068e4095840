package com.silverjems.shop.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.testing.Browser;
import com.silverjems.shop.testing.MutableClock;
import com.silverjems.testsupport.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shop as deployed, for identity's integration tests: real PostgreSQL, a real OIDC provider
 * standing in for Google (mock-oauth2-server, in-process on a free port), and a clock the tests
 * move. Every subclass shares one application context; tests keep apart by using their own
 * addresses and their own {@link Browser} (own client address).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(IdentityIT.TestClock.class)
abstract class IdentityIT {

  static final TokenEndpointOverride GOOGLE_TOKEN_OVERRIDE = new TokenEndpointOverride();
  static final MockOAuth2Server GOOGLE = startGoogle();
  private static final TestPostgres.Database DATABASE =
      TestPostgres.shared().newDatabase("identity");

  private static MockOAuth2Server startGoogle() {
    MockOAuth2Server server = new MockOAuth2Server(GOOGLE_TOKEN_OVERRIDE);
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "mock-google-stop"));
    return server;
  }

  @DynamicPropertySource
  static void environment(DynamicPropertyRegistry registry) {
    DATABASE.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    registry.add(
        "spring.security.oauth2.client.provider.google.issuer-uri",
        () -> GOOGLE.issuerUrl("google").toString());
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class TestClock {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(Instant.now());
    }
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;
  @Autowired PasswordEncoder passwords;

  @BeforeEach
  void realTime() {
    // Each test starts at the real time, so tests that moved the clock do not age the others.
    clock.set(Instant.now());
  }

  Browser browser() {
    return new Browser(port);
  }

  static String uniqueEmail(String who) {
    return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  /** A confirmed password account, made directly in the database. */
  UUID account(String email, String password, String... roles) {
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO account (id, email, email_normalized, display_name, password_hash,
                                 email_verified_at, roles)
            VALUES (:id, :email, lower(:email), 'Test', :hash, now(), :roles)
            """)
        .param("id", id)
        .param("email", email)
        .param("hash", passwords.encode(password))
        .param("roles", roles.length == 0 ? new String[] {"SHOPPER"} : roles)
        .update();
    return id;
  }

  Browser signedIn(String email, String password) {
    Browser browser = browser();
    Browser.Response response = browser.post("/api/auth/login", credentials(email, password));
    if (response.status() != 200) {
      throw new AssertionError("Sign-in of " + email + " failed: " + response);
    }
    return browser;
  }

  static java.util.Map<String, String> credentials(String email, String password) {
    return java.util.Map.of("email", email, "password", password);
  }

  /** An admin with TOTP enrolled; {@link Admin#secret} makes codes. */
  record Admin(UUID id, String email, String password, String secret, List<String> recoveryCodes) {}

  Admin enrolledAdmin() {
    String email = uniqueEmail("admin");
    String password = "admin password " + UUID.randomUUID();
    UUID id = account(email, password, "SHOPPER", "ADMIN");
    Browser browser = signedIn(email, password);
    JsonNode enrolment = browser.post("/api/auth/mfa/enrolment", null).json();
    String secret = enrolment.path("secret").asText();
    Browser.Response confirmed =
        browser.post("/api/auth/mfa/enrolment/confirm", java.util.Map.of("code", code(secret)));
    if (confirmed.status() != 200) {
      throw new AssertionError("Enrolment failed: " + confirmed);
    }
    List<String> recoveryCodes = new java.util.ArrayList<>();
    confirmed.json().path("recoveryCodes").forEach(c -> recoveryCodes.add(c.asText()));
    // The enrolment code's step is used up: later sign-ins in this test start one step on.
    clock.advance(Duration.ofSeconds(30));
    return new Admin(id, email, password, secret, recoveryCodes);
  }

  /** The current TOTP code for {@code secret} at the test clock. */
  String code(String secret) {
    TotpCodes totp = new TotpCodes(clock);
    return totp.generate(secret, totp.currentStep());
  }

  /** Signs an enrolled admin in with password and code: a full admin session. */
  Browser adminSession(Admin admin) {
    Browser browser = signedIn(admin.email(), admin.password());
    Browser.Response verified =
        browser.post("/api/auth/mfa/verify", java.util.Map.of("code", code(admin.secret())));
    if (verified.status() != 200) {
      throw new AssertionError("MFA failed: " + verified);
    }
    clock.advance(Duration.ofSeconds(30));
    return browser;
  }

  /** The payloads of the outbox events of {@code type} for {@code accountId}, oldest first. */
  List<String> outboxPayloads(String type, UUID accountId) {
    return jdbc.sql(
            "SELECT payload::text FROM outbox_event WHERE event_type = :type"
                + " AND aggregate_id = :account ORDER BY created_at, id")
        .param("type", type)
        .param("account", accountId.toString())
        .query(String.class)
        .list();
  }

  UUID accountId(String email) {
    return jdbc.sql("SELECT id FROM account WHERE email_normalized = lower(:email)")
        .param("email", email)
        .query(UUID.class)
        .single();
  }
}
