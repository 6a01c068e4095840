package com.silverjems.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.bench.CheckoutBenchmark;
import com.silverjems.shop.ShopIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * The checkout benchmark ({@code shop/app/bench/checkout.sh}, issue 18.2) at CI's tiny size against
 * the test shop and its database: it prints the table, no request or transaction fails and the
 * stock adds up. The figures are not checked (the machine is shared).
 */
class CheckoutBenchmarkIT extends ShopIntegrationTest {

  @Autowired Environment environment;

  @Test
  void aTinyRunPrintsTheTableWithZeroErrorsAndExactStock() throws Exception {
    String url = environment.getRequiredProperty("spring.datasource.url");
    String jdbcUrl =
        url
            + (url.contains("?") ? "&" : "?")
            + "user="
            + environment.getRequiredProperty("spring.datasource.username")
            + "&password="
            + environment.getRequiredProperty("spring.datasource.password");
    // The benchmark seeds the stock of two demo variants: other tests find it as it was.
    List<Map<String, Object>> stock =
        jdbc.sql("SELECT id, stock FROM product_variant").query().listOfRows();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    boolean clean;
    try {
      clean =
          new CheckoutBenchmark(URI.create("http://127.0.0.1:" + port), jdbcUrl, 2, 3, 1)
              .run(new PrintStream(printed, true, StandardCharsets.UTF_8));
    } finally {
      stock.forEach(
          row ->
              jdbc.sql("UPDATE product_variant SET stock = :stock WHERE id = :id")
                  .params(row)
                  .update());
    }

    String table = printed.toString(StandardCharsets.UTF_8);
    assertThat(table)
        .contains("checkouts/s", "p50 ms", "p99 ms", "errors", "API / ceiling:")
        .contains("stock check (initial - sold == remaining): exact")
        .contains("load average at start:")
        .doesNotContain("WRONG", "error: ");
    assertThat(table).containsPattern("API \\(HTTP \\+ webhook\\) +\\S+ +\\S+ +\\S+ +0\\n");
    assertThat(table).containsPattern("ceiling \\(JDBC\\) +\\S+ +\\S+ +\\S+ +0\\n");
    assertThat(clean).isTrue();
  }
}
