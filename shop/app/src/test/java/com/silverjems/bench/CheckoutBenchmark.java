package com.silverjems.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checkout throughput (issue 18.2): {@code shoppers} concurrent shoppers (one thread each, each its
 * own cookie jar) each create a cart, add 2 items, check out and pay with the local provider, whose
 * pay endpoint sends the shop the signed webhook; next to it the ceiling, measured in the same run
 * on the same database: the SQL statements that flow executes (read from Carts, StockLedger,
 * Checkout, IdempotencyKeys, Orders, OutboxWriter, Payments and PaymentWebhooks) replayed over
 * JDBC, one transaction per order, at the same concurrency. Then it checks the stock of the two
 * variants: initial - sold == remaining, exactly. Run by {@code shop/app/bench/checkout.sh}.
 *
 * <p>Every cart comes from its own client address, as CloudFront tells the shop ({@code
 * CloudFront-Viewer-Address}): one shopper, one cart, as in production. So the anti-hoarding rules
 * run with their real cost and their real limits (none is raised for the benchmark), and the
 * ceiling replays their statements too: the new-carts-per-address bucket (its own transaction, as
 * RateLimits takes it), the cart's client key, the per-cart piece cap, the re-hold cooldown and the
 * cart's hold lifetime.
 *
 * <p>Arguments: base URL, JDBC URL, shoppers, checkouts per shopper, warm-up checkouts per shopper.
 * Exit status 1 on any error or a stock mismatch.
 */
public final class CheckoutBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String jdbcUrl;
  private final int shoppers;
  private final int perShopper;
  private final int warmup;
  private final List<Variant> variants = new ArrayList<>();
  private final AtomicInteger placed = new AtomicInteger();
  private final AtomicInteger carts = new AtomicInteger();

  record Variant(long id, String sku, long priceMinor, String currency, String name, String size) {}

  /** What one phase measured. */
  record Phase(int done, int errors, double seconds, long[] latenciesNanos, List<String> failures) {
    double perSecond() {
      return done / seconds;
    }

    double percentileMillis(double p) {
      if (latenciesNanos.length == 0) {
        return 0;
      }
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }
  }

  /** One shopper's (or one ceiling worker's) order, from the empty cart to the webhook. */
  interface Flow {
    void order() throws Exception;
  }

  public CheckoutBenchmark(URI base, String jdbcUrl, int shoppers, int perShopper, int warmup) {
    this.base = base;
    this.jdbcUrl = jdbcUrl;
    this.shoppers = shoppers;
    this.perShopper = perShopper;
    this.warmup = warmup;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      System.err.println(
          "usage: CheckoutBenchmark <base-url> <jdbc-url> <shoppers> <checkouts-per-shopper>"
              + " <warm-up-per-shopper>");
      System.exit(2);
    }
    CheckoutBenchmark benchmark =
        new CheckoutBenchmark(
            URI.create(args[0]),
            args[1],
            Integer.parseInt(args[2]),
            Integer.parseInt(args[3]),
            Integer.parseInt(args[4]));
    System.exit(benchmark.run(System.out) ? 0 : 1);
  }

  /** Runs every phase and prints the table; true when there was no error and stock adds up. */
  public boolean run(PrintStream out) throws Exception {
    String loadBefore = loadAverage();
    int total = shoppers * (perShopper + warmup) * 2;
    long initial;
    try (Connection db = DriverManager.getConnection(jdbcUrl)) {
      pickVariants(db);
      // Enough stock for every order of both the API and the ceiling, plus a margin.
      initial = 2L * total + 100;
      try (PreparedStatement seed =
          db.prepareStatement("UPDATE product_variant SET stock = ? WHERE id = ?")) {
        for (Variant v : variants) {
          seed.setLong(1, initial);
          seed.setLong(2, v.id());
          seed.executeUpdate();
        }
      }
    }
    long[] orderedBefore = new long[variants.size()];
    try (Connection db = DriverManager.getConnection(jdbcUrl)) {
      for (int i = 0; i < variants.size(); i++) {
        orderedBefore[i] = ordered(db, variants.get(i));
      }
    }
    if (warmup > 0) {
      phase(warmup, this::apiShopper);
      phase(warmup, this::jdbcShopper);
    }
    Phase api = phase(perShopper, this::apiShopper);
    Phase ceiling = phase(perShopper, this::jdbcShopper);
    String loadAfter = loadAverage();

    // Every order of the run (warm-ups included) took one of each variant.
    List<String> stockLines = new ArrayList<>();
    boolean stockRight = true;
    try (Connection db = DriverManager.getConnection(jdbcUrl)) {
      for (int i = 0; i < variants.size(); i++) {
        Variant v = variants.get(i);
        long remaining = single(db, "SELECT stock FROM product_variant WHERE id = ?", v.id());
        long sold = ordered(db, v) - orderedBefore[i];
        boolean right = remaining == initial - sold && sold == placed.get();
        stockRight &= right;
        stockLines.add(
            String.format(
                "%s: %d - %d sold = %d, remaining %d, orders placed %d (%s)",
                v.sku(),
                initial,
                sold,
                initial - sold,
                remaining,
                placed.get(),
                right ? "exact" : "WRONG"));
      }
    }
    double ratio = 100 * api.perSecond() / ceiling.perSecond();

    out.println();
    out.printf("%-22s %12s %9s %9s %7s%n", "checkout", "checkouts/s", "p50 ms", "p99 ms", "errors");
    row(out, "API (HTTP + webhook)", api);
    row(out, "ceiling (JDBC)", ceiling);
    out.printf(
        "API / ceiling: %.0f%% (target >= 40%%: %s)%n", ratio, ratio >= 40 ? "met" : "missed");
    out.printf("stock check (initial - sold == remaining): %s%n", stockRight ? "exact" : "WRONG");
    stockLines.forEach(line -> out.println("  " + line));
    out.printf(
        "(%d shoppers x %d checkouts each, after %d warm-up checkouts each, 2 items per cart;"
            + " %d cores shared by the shop, PostgreSQL and this client;%n"
            + " load average at start: %s, at end: %s)%n",
        shoppers,
        perShopper,
        warmup,
        Runtime.getRuntime().availableProcessors(),
        loadBefore,
        loadAfter);
    for (String failure : api.failures()) {
      out.println("API error: " + failure);
    }
    for (String failure : ceiling.failures()) {
      out.println("ceiling error: " + failure);
    }
    return api.errors() == 0 && ceiling.errors() == 0 && stockRight;
  }

  private static void row(PrintStream out, String name, Phase phase) {
    out.printf(
        "%-22s %12.1f %9.1f %9.1f %7d%n",
        name,
        phase.perSecond(),
        phase.percentileMillis(50),
        phase.percentileMillis(99),
        phase.errors());
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private void pickVariants(Connection db) throws SQLException {
    try (PreparedStatement select =
            db.prepareStatement(
                """
                SELECT v.id, v.sku, v.price_minor, v.currency, p.name, v.size
                FROM product_variant v JOIN product p ON p.id = v.product_id
                WHERE p.published AND v.currency = 'GBP' ORDER BY v.id LIMIT 2
                """);
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        variants.add(
            new Variant(
                rows.getLong(1),
                rows.getString(2),
                rows.getLong(3),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6)));
      }
    }
    if (variants.size() != 2) {
      throw new IllegalStateException("The database has fewer than 2 published GBP variants");
    }
  }

  private static long ordered(Connection db, Variant v) throws SQLException {
    return single(
        db, "SELECT coalesce(sum(quantity), 0) FROM order_line WHERE variant_id = ?", v.id());
  }

  private static long single(Connection db, String sql, long id) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setLong(1, id);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /** {@code shoppers} concurrent workers, each making {@code orders} orders one after another. */
  private Phase phase(int orders, java.util.function.Function<Integer, Flow> shopper)
      throws Exception {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger errors = new AtomicInteger();
    long start = System.nanoTime();
    // One thread per shopper (the build targets Java 17: no virtual threads yet).
    ExecutorService threads = Executors.newFixedThreadPool(shoppers);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int s = 0; s < shoppers; s++) {
        int number = s;
        running.add(
            threads.submit(
                () -> {
                  Flow flow;
                  try {
                    flow = shopper.apply(number);
                  } catch (RuntimeException e) {
                    errors.addAndGet(orders);
                    failures.add(String.valueOf(e));
                    return;
                  }
                  for (int i = 0; i < orders; i++) {
                    long began = System.nanoTime();
                    try {
                      flow.order();
                      placed.incrementAndGet();
                      latencies.add(System.nanoTime() - began);
                    } catch (Exception e) {
                      errors.incrementAndGet();
                      if (failures.size() < 5) {
                        failures.add(String.valueOf(e));
                      }
                    }
                  }
                  if (flow instanceof AutoCloseable closeable) {
                    try {
                      closeable.close();
                    } catch (Exception e) {
                      failures.add(String.valueOf(e));
                    }
                  }
                }));
      }
      for (Future<?> future : running) {
        future.get();
      }
    } finally {
      threads.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] sample = latencies.stream().mapToLong(Long::longValue).toArray();
    return new Phase(sample.length, errors.get(), seconds, sample, List.copyOf(failures));
  }

  // ---- The API: what a browser sends ----

  private Flow apiShopper(int number) {
    CookieManager cookies = new CookieManager();
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    return () -> {
      String csrf = csrfToken(http, cookies);
      // CloudFront's header: this cart's shopper's own address.
      JsonNode cart =
          call(
              http,
              csrf,
              "POST",
              "/api/cart",
              null,
              null,
              201,
              Map.of("CloudFront-Viewer-Address", nextAddress() + ":443"));
      String cartId = cart.path("id").asText();
      for (Variant v : variants) {
        call(
            http,
            csrf,
            "PUT",
            "/api/cart/" + cartId + "/items/" + v.sku(),
            Map.of("quantity", 1),
            null,
            200);
      }
      JsonNode placed =
          call(
              http,
              csrf,
              "POST",
              "/api/checkout",
              Map.of(
                  "cartId",
                  cartId,
                  "email",
                  "shopper" + number + "@bench.example",
                  "name",
                  "Bench Shopper " + number,
                  "shippingAddress",
                  Map.of(
                      "line1", "1 Bench Street",
                      "city", "London",
                      "postcode", "N1 1AA",
                      "country", "GB")),
              UUID.randomUUID().toString(),
              201);
      String intent = placed.path("payment").path("intentId").asText();
      JsonNode paid =
          call(
              http,
              csrf,
              "POST",
              "/api/payments/local/intents/" + intent + "/pay",
              null,
              null,
              200);
      if (!paid.path("paid").asBoolean()) {
        throw new IllegalStateException("the webhook of " + intent + " was not applied: " + paid);
      }
    };
  }

  private String csrfToken(HttpClient http, CookieManager cookies) throws Exception {
    for (HttpCookie cookie : cookies.getCookieStore().get(base)) {
      if (cookie.getName().equals("XSRF-TOKEN")) {
        return cookie.getValue();
      }
    }
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/auth/csrf")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("GET /api/auth/csrf: " + answer.statusCode());
    }
    for (HttpCookie cookie : cookies.getCookieStore().get(base)) {
      if (cookie.getName().equals("XSRF-TOKEN")) {
        return cookie.getValue();
      }
    }
    throw new IllegalStateException("GET /api/auth/csrf set no XSRF-TOKEN cookie");
  }

  /** A client address of its own for each cart (10.0.0.1, 10.0.0.2, ...). */
  private String nextAddress() {
    int n = carts.incrementAndGet();
    return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
  }

  /** What Carts and RateLimits store for an address: a SHA-256 prefix of 32 hex digits. */
  private static String hashed(String value) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .substring(0, 32);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode call(
      HttpClient http,
      String csrf,
      String method,
      String path,
      Object body,
      String idempotencyKey,
      int expected)
      throws Exception {
    return call(http, csrf, method, path, body, idempotencyKey, expected, Map.of());
  }

  private JsonNode call(
      HttpClient http,
      String csrf,
      String method,
      String path,
      Object body,
      String idempotencyKey,
      int expected,
      Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("X-XSRF-TOKEN", csrf)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    headers.forEach(request::header);
    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + path + ": " + answer.statusCode() + " " + answer.body());
    }
    return JSON.readTree(answer.body());
  }

  // ---- The ceiling: the same statements over JDBC, one transaction per order ----

  private Flow jdbcShopper(int number) {
    Connection db;
    try {
      db = DriverManager.getConnection(jdbcUrl);
      db.setAutoCommit(false);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return new JdbcOrder(db, number);
  }

  private final class JdbcOrder implements Flow, AutoCloseable {
    private final Connection db;
    private final int number;

    JdbcOrder(Connection db, int number) {
      this.db = db;
      this.number = number;
    }

    @Override
    public void close() throws SQLException {
      db.close();
    }

    @Override
    public void order() throws SQLException {
      try {
        placeAndPay();
        db.commit();
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      }
    }

    private void placeAndPay() throws SQLException {
      // POST /api/cart: RateLimits.take("cart-ip", address) in a transaction of its own (the
      // select-for-update protocol of PostgresBuckets on a first use of the key), then Carts.open
      // and Carts.view
      String address = nextAddress();
      String bucket = "cart-ip:" + hashed(address);
      query("SELECT state FROM rate_limit_bucket WHERE id = ? FOR UPDATE", bucket);
      update("INSERT INTO rate_limit_bucket (id) VALUES (?) ON CONFLICT (id) DO NOTHING", bucket);
      query("SELECT state FROM rate_limit_bucket WHERE id = ? FOR UPDATE", bucket);
      update(
          "UPDATE rate_limit_bucket SET state = ?, expires_at = ? WHERE id = ?",
          new byte[48],
          System.currentTimeMillis() + 180_000,
          bucket);
      db.commit();
      UUID cart = UUID.randomUUID();
      String clientKey = hashed(address);
      update("INSERT INTO cart (id, client_key) VALUES (?, ?)", cart, clientKey);
      viewCart(cart);
      // PUT /api/cart/{id}/items/{sku}, per item (Carts.setItem with its hoarding bounds: the
      // piece cap, the cooldown, the hold deadline; StockLedger.hold, Carts.view)
      for (Variant v : variants) {
        query("SELECT id, account_id, status, client_key FROM cart WHERE id = ? FOR UPDATE", cart);
        query(
            """
            SELECT v.id, v.price_minor, v.currency FROM product_variant v
            JOIN product p ON p.id = v.product_id
            WHERE v.sku = ? AND p.published
            """,
            v.sku());
        query(
            "SELECT coalesce(sum(quantity), 0) FROM cart_item"
                + " WHERE cart_id = ? AND variant_id <> ?",
            cart,
            v.id());
        query(
            """
            SELECT EXISTS (
              SELECT 1 FROM cart c JOIN stock_reservation r ON r.cart_id = c.id
              WHERE c.client_key = ? AND c.id <> ? AND r.variant_id = ?
                AND c.holds_until <= now()
                AND c.holds_until > now() - CAST(? AS INTERVAL))
            """,
            clientKey,
            cart,
            v.id(),
            "3600000 milliseconds");
        Timestamp holdsUntil =
            singleTimestamp(
                """
                SELECT coalesce(holds_until, now() + CAST(? AS INTERVAL))
                FROM cart WHERE id = ?
                """,
                "1800000 milliseconds",
                cart);
        query("SELECT stock FROM product_variant WHERE id = ? FOR UPDATE", v.id());
        query(
            """
            SELECT coalesce(sum(quantity), 0) FROM stock_reservation
            WHERE variant_id = ? AND cart_id <> ? AND expires_at > now()
            """,
            v.id(),
            cart);
        update(
            """
            INSERT INTO stock_reservation (variant_id, cart_id, quantity, expires_at)
            VALUES (?, ?, ?, least(now() + CAST(? AS INTERVAL), CAST(? AS TIMESTAMPTZ)))
            ON CONFLICT (variant_id, cart_id)
            DO UPDATE SET quantity = EXCLUDED.quantity, expires_at = EXCLUDED.expires_at
            """,
            v.id(),
            cart,
            1,
            "900000 milliseconds",
            holdsUntil);
        update(
            "UPDATE cart SET holds_until = coalesce(holds_until, ?)"
                + " WHERE id = ? AND holds_until IS NULL",
            holdsUntil,
            cart);
        update(
            """
            INSERT INTO cart_item (cart_id, variant_id, quantity, unit_price_minor, currency)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (cart_id, variant_id) DO UPDATE
              SET quantity = EXCLUDED.quantity, unit_price_minor = EXCLUDED.unit_price_minor
            """,
            cart,
            v.id(),
            1,
            v.priceMinor(),
            v.currency());
        update("UPDATE cart SET updated_at = now() WHERE id = ?", cart);
        viewCart(cart);
      }
      // POST /api/checkout (Checkout.attempt: IdempotencyKeys.claim, Carts.lockForCheckout,
      // StockLedger.take, Carts.markCheckedOut, Orders.place, OutboxWriter,
      // IdempotencyKeys.complete)
      String key = UUID.randomUUID().toString();
      update(
          """
          INSERT INTO idempotency_key (scope, key, request_hash) VALUES (?, ?, ?)
          ON CONFLICT (scope, key) DO NOTHING
          """,
          "checkout",
          key,
          "0".repeat(64));
      query("SELECT id, account_id, status, client_key FROM cart WHERE id = ? FOR UPDATE", cart);
      query(
          """
          SELECT v.id AS variant_id, v.sku, p.name AS product_name, v.size, i.quantity,
                 i.unit_price_minor AS cart_price_minor,
                 v.price_minor AS current_price_minor, v.currency
          FROM cart_item i
          JOIN product_variant v ON v.id = i.variant_id
          JOIN product p ON p.id = v.product_id
          WHERE i.cart_id = ?
          ORDER BY i.added_at, v.sku
          """,
          cart);
      for (Variant v : variants) { // ordered by variant id, as StockLedger.take does
        query(
            """
            SELECT coalesce(sum(quantity), 0) FROM stock_reservation
            WHERE variant_id = ? AND cart_id = ? AND expires_at > now()
            """,
            v.id(),
            cart);
        query("SELECT stock FROM product_variant WHERE id = ? FOR UPDATE", v.id());
      }
      for (Variant v : variants) {
        update(
            "UPDATE product_variant SET stock = stock - ?, version = version + 1 WHERE id = ?",
            1,
            v.id());
      }
      update("DELETE FROM stock_reservation WHERE cart_id = ?", cart);
      update("UPDATE cart SET status = 'checked_out', updated_at = now() WHERE id = ?", cart);
      long sequence = singleLong("SELECT nextval('order_number_seq')");
      UUID order = UUID.randomUUID();
      Instant now = Instant.now();
      String orderNumber = String.format("SJ-%d-%06d", 2026, sequence);
      long total = variants.stream().mapToLong(Variant::priceMinor).sum();
      update(
          """
          INSERT INTO customer_order (id, number, status, customer_email, customer_name,
              account_id, cart_id, ship_name, ship_line1, ship_line2, ship_city, ship_postcode,
              ship_country, total_minor, currency, placed_at, updated_at)
          VALUES (?, ?, 'placed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
          order,
          orderNumber,
          "ceiling" + number + "@bench.example",
          "Bench Ceiling " + number,
          null,
          cart,
          "Bench Ceiling " + number,
          "1 Bench Street",
          null,
          "London",
          "N1 1AA",
          "GB",
          total,
          "GBP",
          Timestamp.from(now),
          Timestamp.from(now));
      int line = 0;
      for (Variant v : variants) {
        update(
            """
            INSERT INTO order_line (order_id, line_no, variant_id, sku, product_name, size,
                quantity, unit_price_minor)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            order,
            ++line,
            v.id(),
            v.sku(),
            v.name(),
            v.size(),
            1,
            v.priceMinor());
      }
      history(order, null, "placed", "anonymous", null);
      findOrder(order);
      outbox(order, "order-placed", orderNumber, total);
      update(
          """
          UPDATE idempotency_key SET response_status = ?, response_body = CAST(? AS JSONB)
          WHERE scope = ? AND key = ?
          """,
          201,
          payload(order, "order-placed", orderNumber, total),
          "checkout",
          key);
      // After the checkout's commit: Payments.ensureIntent
      String intent = "pi_local_" + order.toString().replace("-", "");
      query(
          "SELECT provider, intent_id, client_secret, status FROM payment WHERE order_id = ?",
          order);
      query(
          """
          INSERT INTO payment (order_id, provider, intent_id, client_secret, amount_minor,
              currency, status)
          VALUES (?, ?, ?, ?, ?, ?, 'pending')
          ON CONFLICT (order_id) DO NOTHING
          RETURNING provider, intent_id, client_secret, status
          """,
          order,
          "local",
          intent,
          intent + "_secret_local",
          total,
          "GBP");
      // POST /api/payments/local/intents/{id}/pay and its webhook (LocalPaymentController,
      // PaymentWebhooks.apply, Orders.markPaid)
      query("SELECT amount_minor, currency FROM payment WHERE intent_id = ?", intent);
      update(
          """
          INSERT INTO payment_webhook_event (provider, event_id, event_type)
          VALUES (?, ?, ?) ON CONFLICT DO NOTHING
          """,
          "local",
          "evt_local_" + UUID.randomUUID().toString().replace("-", ""),
          "payment_intent.succeeded");
      query(
          """
          SELECT order_id, amount_minor, currency, status FROM payment
          WHERE provider = ? AND intent_id = ? FOR UPDATE
          """,
          "local",
          intent);
      update(
          """
          UPDATE payment SET status = ?, updated_at = now()
          WHERE provider = ? AND intent_id = ?
          """,
          "succeeded",
          "local",
          intent);
      query("SELECT status FROM customer_order WHERE id = ? FOR UPDATE", order);
      update(
          "UPDATE customer_order SET status = ?, updated_at = now() WHERE id = ?", "paid", order);
      history(order, "placed", "paid", "payment-provider:local", "payment " + intent);
      findOrder(order);
      outbox(order, "order-paid", orderNumber, total);
    }

    private void viewCart(UUID cart) throws SQLException {
      query("SELECT id, account_id, status, client_key FROM cart WHERE id = ?", cart);
      query(
          """
          SELECT v.sku, p.slug AS product_slug, p.name AS product_name, v.size, i.quantity,
                 i.unit_price_minor, v.price_minor AS current_price_minor, i.currency,
                 r.expires_at AS reserved_until
          FROM cart_item i
          JOIN product_variant v ON v.id = i.variant_id
          JOIN product p ON p.id = v.product_id
          LEFT JOIN stock_reservation r ON r.cart_id = i.cart_id AND r.variant_id = i.variant_id
          WHERE i.cart_id = ?
          ORDER BY i.added_at, v.sku
          """,
          cart);
    }

    private void history(UUID order, String from, String to, String actor, String reason)
        throws SQLException {
      update(
          """
          INSERT INTO order_status_history (order_id, from_status, to_status, actor, reason)
          VALUES (?, ?, ?, ?, ?)
          """,
          order,
          from,
          to,
          actor,
          reason);
    }

    private void findOrder(UUID order) throws SQLException {
      query(
          """
          SELECT o.id, o.number, o.status, o.customer_email, o.customer_name, o.ship_name,
                 o.ship_line1, o.ship_line2, o.ship_city, o.ship_postcode, o.ship_country,
                 o.total_minor, o.currency, o.placed_at, o.carrier, o.tracking_number,
                 o.tracking_url
          FROM customer_order o WHERE o.id = ?
          """,
          order);
      query(
          """
          SELECT sku, product_name, size, quantity, unit_price_minor, variant_id
          FROM order_line WHERE order_id = ? ORDER BY line_no
          """,
          order);
    }

    private void outbox(UUID order, String type, String orderNumber, long total)
        throws SQLException {
      update(
          """
          INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, event_version,
              payload)
          VALUES (?, ?, ?, ?, ?, CAST(? AS JSONB))
          """,
          UUID.randomUUID(),
          "order",
          order.toString(),
          type,
          1,
          payload(order, type, orderNumber, total));
    }

    /** An event body of the same shape and size as OrderEvents' (two lines, the address). */
    private String payload(UUID order, String type, String orderNumber, long total) {
      StringBuilder lines = new StringBuilder();
      for (Variant v : variants) {
        lines.append(lines.isEmpty() ? "" : ",");
        lines.append(
            String.format(
                "{\"sku\":\"%s\",\"productName\":\"%s\",\"size\":%s,\"quantity\":1,"
                    + "\"unitPriceMinor\":%d}",
                v.sku(),
                v.name().replace("\"", ""),
                v.size() == null ? "null" : "\"" + v.size() + "\"",
                v.priceMinor()));
      }
      return String.format(
          "{\"type\":\"%s\",\"orderId\":\"%s\",\"orderNumber\":\"%s\",\"customerEmail\":"
              + "\"ceiling%d@bench.example\",\"customerName\":\"Bench Ceiling %d\","
              + "\"shippingAddress\":{\"name\":\"Bench Ceiling %d\",\"line1\":\"1 Bench Street\","
              + "\"city\":\"London\",\"postcode\":\"N1 1AA\",\"country\":\"GB\"},"
              + "\"lines\":[%s],\"totalMinor\":%d,\"currency\":\"GBP\",\"occurredAt\":\"%s\"}",
          type, order, orderNumber, number, number, number, lines, total, Instant.now());
    }

    private Timestamp singleTimestamp(String sql, Object... params) throws SQLException {
      try (PreparedStatement statement = prepare(sql, params);
          ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getTimestamp(1);
      }
    }

    private long singleLong(String sql) throws SQLException {
      try (PreparedStatement statement = db.prepareStatement(sql);
          ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }

    private void query(String sql, Object... params) throws SQLException {
      try (PreparedStatement statement = prepare(sql, params);
          ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          rows.getObject(1);
        }
      }
    }

    private void update(String sql, Object... params) throws SQLException {
      try (PreparedStatement statement = prepare(sql, params)) {
        statement.executeUpdate();
      }
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
      PreparedStatement statement = db.prepareStatement(sql);
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement;
    }
  }
}
