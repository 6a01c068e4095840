package com.silverjems.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.testsupport.TestPostgres;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Production logs are one JSON object a line, which is what CloudWatch and Loki can query. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTest {

  @Test
  void everyStartupLineIsJson(CapturedOutput output) throws Exception {
    TestPostgres.Database database = TestPostgres.shared().newEmptyDatabase("logging");
    String[] args =
        database.springProperties().entrySet().stream()
            .map(property -> "--" + property.getKey() + "=" + property.getValue())
            .toArray(String[]::new);
    SpringApplication shop = new SpringApplication(ShopApplication.class);
    shop.setMainApplicationClass(ShopApplication.class);
    try (ConfigurableApplicationContext context =
        shop.run(
            concat(
                args,
                "--server.port=0",
                "--silverjems.payments.provider=local",
                "--silverjems.catalog.cache.enabled=false",
                "--silverjems.catalog.images-base-url=https://images.test.example/",
                "--spring.main.banner-mode=off",
                // The embedded test database's chatter is not the shop's log.
                "--logging.level.io.zonky=WARN"))) {
      assertThat(context.isRunning()).isTrue();
    }

    ObjectMapper json = new ObjectMapper();
    // Everything the shop logged, from its first line on (the capture also holds the test
    // database's own start-up, which is not the shop's log).
    String shopLog = output.getOut().substring(output.getOut().indexOf("{\"@timestamp\""));
    assertThat(shopLog).contains("Starting ShopApplication");
    String[] lines = shopLog.lines().filter(line -> !line.isBlank()).toArray(String[]::new);
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      assertThat(line).as("log line").startsWith("{").endsWith("}");
      JsonNode entry = json.readTree(line);
      assertThat(entry.path("@timestamp").asText()).isNotEmpty();
      assertThat(entry.path("log").path("level").asText()).isNotEmpty();
      assertThat(entry.path("service").path("name").asText()).isEqualTo("shop");
    }
    assertThat(output.getOut()).contains("Started ShopApplication");
  }

  private static String[] concat(String[] first, String... more) {
    String[] all = Arrays.copyOf(first, first.length + more.length);
    System.arraycopy(more, 0, all, first.length, more.length);
    return all;
  }
}
