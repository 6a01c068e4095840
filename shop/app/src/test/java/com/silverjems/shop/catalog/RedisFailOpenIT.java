package com.silverjems.shop.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.silverjems.shop.ShopIntegrationTest;
import com.silverjems.testsupport.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** Redis is a cache only: losing it (or its entries) makes the shop slower, never wrong. */
@TestPropertySource(
    properties = {
      "silverjems.catalog.cache.enabled=true",
      "silverjems.catalog.cache.retry-after=1s"
    })
class RedisFailOpenIT extends ShopIntegrationTest {

  private static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.onFreePort();
    redis.start();
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.stop();
    }
  }

  @DynamicPropertySource
  static void redisPort(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.host", () -> "127.0.0.1");
    registry.add("spring.data.redis.port", () -> redis.port());
  }

  @Autowired MeterRegistry meters;
  @Autowired RedisConnectionFactory connections;

  @Test
  void catalogueAndCheckoutStillAnswerCorrectlyWhenRedisStopsMidTest() {
    String list = "/api/products?category=rings&sort=price-asc";
    String detail = "/api/products/moonstone-signet-ring";
    Answer listFromPostgres = get(list);
    Answer detailFromPostgres = get(detail);
    awaitCacheHits(list);
    assertThat(get(list).body()).isEqualTo(listFromPostgres.body());
    assertThat(get(detail).body()).isEqualTo(detailFromPostgres.body());
    double errors = count("product-list", "error") + count("product-detail", "error");

    redis.stop();

    Answer listWithoutRedis = get(list);
    Answer detailWithoutRedis = get(detail);
    assertThat(listWithoutRedis.status()).isEqualTo(200);
    assertThat(listWithoutRedis.body()).isEqualTo(listFromPostgres.body());
    assertThat(listWithoutRedis.header("ETag")).isEqualTo(listFromPostgres.header("ETag"));
    assertThat(detailWithoutRedis.status()).isEqualTo(200);
    assertThat(detailWithoutRedis.body()).isEqualTo(detailFromPostgres.body());
    assertThat(count("product-list", "error") + count("product-detail", "error"))
        .isGreaterThan(errors);

    // Admin changes (their cache eviction fails) and checkout go on as usual.
    String sku = newProduct(2, 2000);
    String cart = cartWith(sku, 1);
    Answer placed =
        post("/api/checkout", checkoutBody(cart), "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(placed.status()).isEqualTo(201);
    assertThat(stockOf(sku)).isEqualTo(1);

    redis.start();

    // Back after the retry delay: the cache fills and serves again.
    awaitCacheHits(list);
    assertThat(get(list).body()).isEqualTo(listFromPostgres.body());
  }

  private void awaitCacheHits(String path) {
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              double before = count("product-list", "hit");
              get(path);
              get(path);
              assertThat(count("product-list", "hit")).isGreaterThan(before);
            });
  }

  @Test
  void anEvictedEntryIsAMissAndTheAnswerStaysRight() {
    String list = "/api/products?category=necklaces";
    Answer first = get(list);
    awaitCacheHits(list);
    double misses = count("product-list", "miss");

    try (var connection = connections.getConnection()) {
      connection.serverCommands().flushAll();
    }

    Answer afterEviction = get(list);
    assertThat(afterEviction.status()).isEqualTo(200);
    assertThat(afterEviction.body()).isEqualTo(first.body());
    assertThat(count("product-list", "miss")).isEqualTo(misses + 1);
  }

  private double count(String cache, String result) {
    return meters
        .get("silverjems.cache.requests")
        .tag("cache", cache)
        .tag("result", result)
        .counter()
        .count();
  }
}
