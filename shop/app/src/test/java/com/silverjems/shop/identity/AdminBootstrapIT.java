package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.shop.ShopApplication;
import com.silverjems.shop.testing.Browser;
import com.silverjems.testsupport.TestPostgres;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The first admin without SQL: a shop with no admin prints one single-use link at start-up (one for
 * all replicas), the link makes its holder an admin who must enrol a second factor before any admin
 * action, and once an admin exists no link is issued and the old one is refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapIT {

  private static final Pattern LINK =
      Pattern.compile(
          AdminBootstrap.MARKER + " (https://shop\\.test/admin/invitation#token=(\\S+))");

  @Test
  void theFirstStartPrintsOneLinkThatMakesTheFirstAdminOnce(CapturedOutput output) {
    TestPostgres.Database database = TestPostgres.shared().newDatabase("admin_bootstrap");
    String email = "owner@example.com";
    String password = "a long passphrase for the shop 1";
    try (ConfigurableApplicationContext first = replica(database);
        ConfigurableApplicationContext second = replica(database)) {
      List<String> links = links(output.getAll());
      assertThat(links).as("a second replica prints none").hasSize(1);
      String token = links.get(0);
      JdbcClient jdbc = first.getBean(JdbcClient.class);
      assertThat(
              jdbc.sql(
                      "SELECT count(*) FROM admin_invitation WHERE kind = 'bootstrap'"
                          + " AND token_hash = :hash")
                  .param("hash", EmailTokens.sha256(token))
                  .query(Integer.class)
                  .single())
          .isEqualTo(1);

      Browser anyone = new Browser(port(second));
      assertThat(accept(anyone, "not-a-token", email, password).status()).isEqualTo(400);
      Browser.Response accepted = accept(anyone, token, email, password);
      assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
      UUID owner = UUID.fromString(accepted.json().path("accountId").asText());

      // Used once: the same link, on either replica, by anyone, is refused.
      Browser.Response again =
          accept(new Browser(port(first)), token, "other@example.com", password);
      assertThat(again.status()).isEqualTo(400);
      assertThat(again.header("Content-Type")).hasValue("application/problem+json");

      // MFA before anything: the password gives an enrolment-only session.
      Browser browser = new Browser(port(first));
      assertThat(
              browser
                  .post("/api/auth/login", Map.of("email", email, "password", password))
                  .json()
                  .path("next")
                  .asText())
          .isEqualTo("mfa-enrolment");
      assertThat(browser.get("/api/admin/admins").status()).isEqualTo(403);
      String secret = browser.post("/api/auth/mfa/enrolment", null).json().path("secret").asText();
      TotpCodes totp = new TotpCodes(first.getBean(Clock.class));
      assertThat(
              browser
                  .post(
                      "/api/auth/mfa/enrolment/confirm",
                      Map.of("code", totp.generate(secret, totp.currentStep())))
                  .status())
          .isEqualTo(200);
      assertThat(
              browser.get("/api/admin/admins").json().path("admins").get(0).path("email").asText())
          .isEqualTo(email);

      // Once an admin exists a new start issues nothing and says so in one line.
      try (ConfigurableApplicationContext third = replica(database)) {
        assertThat(links(output.getAll())).hasSize(1);
        assertThat(output.getAll())
            .contains("First-admin link: none issued, the shop has an admin");
        assertThat(third.getBean(AdminInvitations.class).bootstrapIfNoAdmin()).isEmpty();
      }

      assertThat(
              jdbc.sql(
                      "SELECT action || ' by ' || actor FROM admin_audit_log"
                          + " WHERE entity_type = 'admin-invitation' ORDER BY id")
                  .query(String.class)
                  .list())
          .containsExactly(
              "admin.bootstrap-created by system",
              "admin.bootstrap-used by " + owner,
              "admin.invitation-refused by anonymous");
    }
  }

  private static List<String> links(String output) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = LINK.matcher(output);
    while (matcher.find()) {
      tokens.add(matcher.group(2));
    }
    return tokens;
  }

  private static Browser.Response accept(
      Browser browser, String token, String email, String password) {
    return browser.post(
        "/api/auth/admin-invitation",
        Map.of("token", token, "email", email, "password", password, "displayName", "Owner"));
  }

  private static ConfigurableApplicationContext replica(TestPostgres.Database database) {
    List<String> args = new ArrayList<>();
    database.springProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
    args.add("--server.port=0");
    args.add("--spring.main.banner-mode=off");
    args.add("--logging.level.root=WARN");
    args.add("--logging.level.com.silverjems.shop.identity.AdminBootstrap=INFO");
    return new SpringApplication(ShopApplication.class).run(args.toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }
}
