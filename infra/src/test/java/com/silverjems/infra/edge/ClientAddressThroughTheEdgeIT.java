package com.silverjems.infra.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.shop.ShopApplication;
import com.silverjems.testsupport.TestPostgres;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The shop's client address is the one CloudFront saw, whatever a client writes in {@code
 * X-Forwarded-For}, {@code Forwarded} or {@code CloudFront-Viewer-Address}: a real shop (its
 * production {@code application.yml}, in-process) behind the edge stand-in of the synthesized prod
 * distribution, reached by viewers at distinct loopback addresses.
 */
class ClientAddressThroughTheEdgeIT {

  private static final int LOGIN_ATTEMPTS_PER_ADDRESS = 5;

  private static ConfigurableApplicationContext shop;
  private static EdgeStandIn edge;
  private static JdbcClient jdbc;

  @BeforeAll
  static void start() {
    TestPostgres.Database database = TestPostgres.shared().newDatabase("edge-client-address");
    Map<String, String> settings = new HashMap<>(database.springProperties());
    settings.put("server.port", "0");
    settings.put("server.address", "127.0.0.1");
    settings.put("GOOGLE_CLIENT_ID", "edge-test-client");
    settings.put("GOOGLE_CLIENT_SECRET", "edge-test-secret");
    settings.put("silverjems.identity.public-base-url", "https://www.silverjems.com");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    settings.put("silverjems.identity.mfa.encryption-key", Base64.getEncoder().encodeToString(key));
    settings.put("silverjems.identity.passwords.breached-check", "false");
    settings.put(
        "silverjems.identity.rate-limits.login-per-address",
        LOGIN_ATTEMPTS_PER_ADDRESS + " per 15m");
    settings.put("silverjems.payments.provider", "local");
    settings.put("silverjems.catalog.images-base-url", "https://images.silverjems.test");
    settings.put("logging.structured.format.console", "");
    // Settings production requires; empty turns photo uploads and the email admin off, which
    // this test does not use.
    settings.put("silverjems.images.upload-bucket", "");
    settings.put("silverjems.images.region", "eu-west-1");
    settings.put("silverjems.email-hub.url", "");
    shop =
        new SpringApplicationBuilder(ShopApplication.class)
            .run(
                settings.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
    jdbc = shop.getBean(JdbcClient.class);
    int port = ((WebServerApplicationContext) shop).getWebServer().getPort();
    edge =
        EdgeStandIn.start(
            SynthesisedEdge.distribution("prod"),
            Map.of(EdgeStandIn.API, URI.create("http://127.0.0.1:" + port)),
            EdgeStandInTest.SITE);
  }

  @AfterAll
  static void stop() {
    if (edge != null) {
      edge.close();
    }
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void forgedForwardingHeadersDoNotEscapeTheLoginRateLimitOfTheRealAddress() {
    Viewer attacker = new Viewer("127.0.0.2", edge.baseUrl());
    for (int attempt = 1; attempt <= LOGIN_ATTEMPTS_PER_ADDRESS; attempt++) {
      Viewer.Response response = attacker.post("/api/auth/login", login(), forged(attempt));
      assertThat(response.status()).as("attempt %d: %s", attempt, response.body()).isEqualTo(401);
    }

    Viewer.Response refused =
        attacker.post("/api/auth/login", login(), forged(LOGIN_ATTEMPTS_PER_ADDRESS + 1));
    assertThat(refused.status()).as(refused.body()).isEqualTo(429);
    assertThat(refused.body()).contains("from your network");

    // Another viewer (another address) is not limited by the attacker's attempts.
    Viewer bystander = new Viewer("127.0.0.3", edge.baseUrl());
    assertThat(bystander.post("/api/auth/login", login()).status()).isEqualTo(401);
  }

  @Test
  void theAuditLogRecordsTheAddressCloudFrontSawNotTheOneTheClientWrote() {
    String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String password = "an admin password " + UUID.randomUUID();
    UUID id = UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO account (id, email, email_normalized, display_name, password_hash,
                                 email_verified_at, roles)
            VALUES (:id, :email, lower(:email), 'Admin', :hash, now(), :roles)
            """)
        .param("id", id)
        .param("email", email)
        .param("hash", shop.getBean(PasswordEncoder.class).encode(password))
        .param("roles", new String[] {"SHOPPER", "ADMIN"})
        .update();
    Viewer admin = new Viewer("127.0.0.4", edge.baseUrl());
    String signIn = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    assertThat(admin.post("/api/auth/login", signIn, forged(1)).status()).isEqualTo(200);

    Viewer.Response enrolment = admin.post("/api/auth/mfa/enrolment", null, forged(2));

    assertThat(enrolment.status()).as(enrolment.body()).isEqualTo(200);
    String recorded =
        jdbc.sql(
                "SELECT after ->> 'remoteAddress' FROM admin_audit_log"
                    + " WHERE entity_type = 'account' AND entity_id = :id"
                    + " AND action = 'mfa.enrolment-started'")
            .param("id", id.toString())
            .query(String.class)
            .single();
    assertThat(recorded).isEqualTo("127.0.0.4");
  }

  private static String login() {
    return "{\"email\":\"nobody-"
        + UUID.randomUUID().toString().substring(0, 8)
        + "@example.com\",\"password\":\"a wrong guess\"}";
  }

  /** What a client may write to pass for someone else: a new address on every request. */
  private static String[] forged(int n) {
    String address = "198.51.100." + n;
    return new String[] {
      "X-Forwarded-For",
      address,
      "Forwarded",
      "for=" + address,
      "X-Real-IP",
      address,
      "CloudFront-Viewer-Address",
      address + ":443"
    };
  }
}
