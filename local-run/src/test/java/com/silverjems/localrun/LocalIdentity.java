package com.silverjems.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Identity for the local run only: a demo admin account, an MFA key kept in the data folder (so an
 * enrolled authenticator keeps working across restarts), and a stand-in for Google (the OIDC
 * provider mock-oauth2-server with its login form, where any address can be typed). Production has
 * none of this: it lives in test sources, next to the launcher.
 */
final class LocalIdentity implements AutoCloseable {

  static final String ADMIN_EMAIL = "admin@silverjems.local";
  static final String ADMIN_PASSWORD = "demo admin password";

  private final MockOAuth2Server google;
  private final Path keyFile;

  private LocalIdentity(MockOAuth2Server google, Path keyFile) {
    this.google = google;
    this.keyFile = keyFile;
  }

  static LocalIdentity start(Path dataDirectory, DataSource dataSource) {
    seedAdmin(dataSource);
    MockOAuth2Server google =
        new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
    google.start();
    return new LocalIdentity(google, dataDirectory.resolve("mfa-encryption-key"));
  }

  /** The admin exists once; a developer's changes to it (enrolled TOTP, password) survive. */
  static void seedAdmin(DataSource dataSource) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    jdbc.sql(
            """
            INSERT INTO account (id, email, email_normalized, display_name, password_hash,
                                 email_verified_at, roles)
            VALUES (:id, :email, :email, 'Demo Admin', :hash, now(), ARRAY['SHOPPER', 'ADMIN'])
            ON CONFLICT (email_normalized) DO NOTHING
            """)
        .param("id", UUID.randomUUID())
        .param("email", ADMIN_EMAIL)
        .param(
            "hash",
            "{argon2}" + new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2).encode(ADMIN_PASSWORD))
        .update();
  }

  /** Spring settings pointing the shop at the stand-ins, for a plain-HTTP localhost. */
  Map<String, String> springDefaults(int port) {
    Map<String, String> settings = new HashMap<>();
    settings.put(
        "spring.security.oauth2.client.provider.google.issuer-uri",
        google.issuerUrl("google").toString());
    settings.put("spring.security.oauth2.client.registration.google.client-id", "local-run");
    settings.put("spring.security.oauth2.client.registration.google.client-secret", "local-run");
    settings.put("silverjems.identity.mfa.encryption-key", mfaKey());
    settings.put("silverjems.identity.public-base-url", "http://localhost:" + port);
    // Plain HTTP on localhost: a Secure or __Host- cookie would never come back from curl.
    settings.put("server.servlet.session.cookie.name", "SESSION");
    settings.put("server.servlet.session.cookie.secure", "false");
    settings.put("silverjems.identity.passwords.breached-check", "false");
    return settings;
  }

  private String mfaKey() {
    try {
      if (!Files.exists(keyFile)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
      }
      return Files.readString(keyFile).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not keep the local MFA key in " + keyFile, e);
    }
  }

  String howToSignIn(int port) {
    String base = "http://localhost:" + port;
    return String.join(
        "\n",
        "  Demo admin: " + ADMIN_EMAIL + " / " + ADMIN_PASSWORD + " (admin API needs a TOTP too):",
        "    curl -c jar -b jar " + base + "/api/auth/csrf        # XSRF-TOKEN cookie",
        "    curl -c jar -b jar -H \"X-XSRF-TOKEN: <token>\" -H 'Content-Type: application/json' \\",
        "      -d '{\"email\":\""
            + ADMIN_EMAIL
            + "\",\"password\":\""
            + ADMIN_PASSWORD
            + "\"}' "
            + base
            + "/api/auth/login",
        "    first time: POST /api/auth/mfa/enrolment (add the secret or QR to an authenticator"
            + " app), then",
        "    POST /api/auth/mfa/enrolment/confirm {\"code\":\"123456\"}; later sign-ins: POST"
            + " /api/auth/mfa/verify {\"code\":...}",
        "  Google sign-in (stand-in, type any address): "
            + base
            + "/api/auth/oauth2/authorization/google");
  }

  @Override
  public void close() {
    google.shutdown();
  }
}
