package com.silverjems.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every table the shop writes has one writing owner: only the owner's source holds an {@code INSERT
 * INTO t}, {@code UPDATE t} or {@code DELETE FROM t}; everyone else goes through it. A second
 * writer, or a table written without an owner named here, fails. In particular stock changes only
 * through {@code StockLedger}, the one writer of {@code product_variant}.
 */
class TableOwnersTest {

  private static final Path MAIN = Path.of("src/main/java/com/silverjems/shop");

  /** Table -> the one source file (below com/silverjems/shop) that writes it. */
  private static final Map<String, String> OWNERS =
      Map.ofEntries(
          Map.entry("account", "identity/Accounts.java"),
          Map.entry("account_external_identity", "identity/Accounts.java"),
          Map.entry("account_token", "identity/EmailTokens.java"),
          Map.entry("admin_audit_log", "audit/AuditLog.java"),
          Map.entry("admin_invitation", "identity/AdminInvitations.java"),
          Map.entry("admin_recovery_code", "identity/AdminMfa.java"),
          Map.entry("admin_totp", "identity/AdminMfa.java"),
          Map.entry("cart", "cart/Carts.java"),
          Map.entry("cart_item", "cart/Carts.java"),
          Map.entry("customer_order", "order/OrderRepository.java"),
          Map.entry("idempotency_key", "idempotency/IdempotencyKeys.java"),
          Map.entry("order_line", "order/OrderRepository.java"),
          Map.entry("order_status_history", "order/OrderRepository.java"),
          Map.entry("outbox_event", "outbox/OutboxWriter.java"),
          Map.entry("payment", "payment/Payments.java"),
          Map.entry("payment_webhook_event", "payment/PaymentWebhooks.java"),
          Map.entry("product", "admin/AdminCatalog.java"),
          Map.entry("product_variant", "stock/StockLedger.java"),
          Map.entry("rate_limit_bucket", "identity/PostgresBuckets.java"),
          Map.entry("refund", "payment/Refunds.java"),
          Map.entry("stock_reservation", "stock/StockLedger.java"));

  // SQL keywords in capitals, table names in lower case: prose ("update the ...") and upserts'
  // "DO UPDATE SET" do not match.
  static final Pattern WRITE =
      Pattern.compile(
          "\\b(?:INSERT\\s+INTO|(?<!FOR\\s)UPDATE|DELETE\\s+FROM)\\s+([a-z_][a-z0-9_]*)\\b");

  @Test
  void eachTableIsWrittenByItsOwnerOnly() throws IOException {
    Map<String, Set<String>> writers = writers();
    assertThat(writers).as("tables written in %s", MAIN).isNotEmpty();
    Map<String, Set<String>> expected = new TreeMap<>();
    OWNERS.forEach((table, owner) -> expected.put(table, Set.of(owner)));
    assertThat(writers)
        .as("writers of each table; a new table needs an owner in OWNERS, others call the owner")
        .isEqualTo(expected);
  }

  // A table name glued on at run time would hide a writer from the scan.
  static final Pattern DYNAMIC =
      Pattern.compile("\\b(?:INSERT\\s+INTO|(?<!FOR\\s)UPDATE|DELETE\\s+FROM)\\s*\"\\s*\\+");

  @Test
  void noWriteNamesItsTableAtRunTime() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      assertThat(files.filter(f -> f.toString().endsWith(".java")))
          .noneMatch(f -> DYNAMIC.matcher(read(f)).find());
    }
    assertThat(DYNAMIC.matcher("jdbc.sql(\"UPDATE \" + table + \" SET x = 1\")").find()).isTrue();
    assertThat(DYNAMIC.matcher("\"SELECT 1 FROM t FOR UPDATE\" + \" SKIP LOCKED\"").find())
        .isFalse();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theScanFindsWritesInTextBlocksAndConcatenations() {
    String source =
        """
        jdbc.sql(\"""
            INSERT INTO cart_item (cart_id) VALUES (:cart)
            ON CONFLICT (cart_id) DO UPDATE SET quantity = 1
            \""");
        jdbc.sql("UPDATE product_variant SET stock = 0" + " WHERE sku = :sku");
        jdbc.sql("DELETE FROM stock_reservation WHERE cart_id = :cart");
        // update the cart, then select ... FOR UPDATE
        """;
    Set<String> tables = new TreeSet<>();
    Matcher m = WRITE.matcher(source);
    while (m.find()) {
      tables.add(m.group(1));
    }
    assertThat(tables).containsExactly("cart_item", "product_variant", "stock_reservation");
  }

  private static Map<String, Set<String>> writers() throws IOException {
    Map<String, Set<String>> writers = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String name = MAIN.relativize(file).toString().replace('\\', '/');
        Matcher m = WRITE.matcher(Files.readString(file));
        while (m.find()) {
          writers.computeIfAbsent(m.group(1), t -> new TreeSet<>()).add(name);
        }
      }
    }
    return writers;
  }
}
