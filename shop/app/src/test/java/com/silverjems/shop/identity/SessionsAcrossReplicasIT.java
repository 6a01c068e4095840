package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.shop.ShopApplication;
import com.silverjems.shop.testing.Browser;
import com.silverjems.testsupport.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Two replicas of the shop on one database, as behind the load balancer: a session made on one is
 * good on the other, and survives the first one dying.
 */
class SessionsAcrossReplicasIT {

  @Test
  void aSessionOutlivesTheReplicaThatCreatedIt() {
    TestPostgres.Database database = TestPostgres.shared().newDatabase("replicas");
    try (ConfigurableApplicationContext first = replica(database);
        ConfigurableApplicationContext second = replica(database)) {
      PasswordEncoder passwords = first.getBean(PasswordEncoder.class);
      first
          .getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
          .sql(
              "INSERT INTO account (id, email, email_normalized, password_hash, email_verified_at)"
                  + " VALUES (gen_random_uuid(), 'roaming@example.com', 'roaming@example.com',"
                  + " :hash, now())")
          .param("hash", passwords.encode("roaming password 1"))
          .update();

      Browser onFirst = new Browser(port(first), "10.9.9.9");
      assertThat(
              onFirst
                  .post(
                      "/api/auth/login",
                      Map.of("email", "roaming@example.com", "password", "roaming password 1"))
                  .status())
          .isEqualTo(200);
      Browser onSecond = new Browser(port(second), "10.9.9.9");
      onFirst.cookie("__Host-SESSION").ifPresent(c -> onSecond.setCookie("__Host-SESSION", c));
      onFirst.cookie("XSRF-TOKEN").ifPresent(c -> onSecond.setCookie("XSRF-TOKEN", c));

      assertThat(onSecond.get("/api/account").status()).isEqualTo(200);
      first.close();
      assertThat(onSecond.get("/api/account").json().path("email").asText())
          .isEqualTo("roaming@example.com");
      // Signing out on the survivor ends the session for every replica.
      assertThat(onSecond.post("/api/auth/logout", null).status()).isEqualTo(204);
      onFirst.forgetCookie("XSRF-TOKEN");
      Browser later = new Browser(port(second), "10.9.9.9");
      onFirst.cookie("__Host-SESSION").ifPresent(c -> later.setCookie("__Host-SESSION", c));
      assertThat(later.get("/api/account").status()).isEqualTo(401);
    }
  }

  private static ConfigurableApplicationContext replica(TestPostgres.Database database) {
    List<String> args = new ArrayList<>();
    database.springProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
    args.add("--server.port=0");
    args.add("--spring.main.banner-mode=off");
    args.add("--logging.level.root=WARN");
    return new SpringApplication(ShopApplication.class).run(args.toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }
}
