package com.silverjems.shop.catalog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Catalogue responses cached in Redis, failing open: when Redis is down, slow or has evicted an
 * entry, the response comes from PostgreSQL, never an error. After a Redis failure the cache leaves
 * Redis alone for {@code retryAfter}, so a dead Redis costs one timeout now and then rather than
 * one per request. Every lookup counts in {@code silverjems_cache_requests_total{cache,result}}.
 */
@Component
class CatalogCache {

  /** The caches, as named in the {@code cache} label. */
  enum Name {
    PRODUCT_LIST("product-list"),
    PRODUCT_DETAIL("product-detail");

    final String label;

    Name(String label) {
      this.label = label;
    }
  }

  /** The {@code result} label values. */
  enum Result {
    HIT,
    MISS,
    ERROR
  }

  private static final Logger log = LoggerFactory.getLogger(CatalogCache.class);
  private static final String PREFIX = "silverjems:catalog:v1:";

  private final RedisTemplate<String, byte[]> redis;
  private final CatalogProperties.Cache settings;
  private final Map<Name, Map<Result, Counter>> counters = new EnumMap<>(Name.class);
  private volatile long redisAvoidedUntilNanos;

  CatalogCache(
      ObjectProvider<RedisConnectionFactory> connections,
      CatalogProperties properties,
      MeterRegistry meters) {
    this.settings = properties.cache();
    RedisConnectionFactory factory = settings.enabled() ? connections.getIfAvailable() : null;
    if (factory == null) {
      redis = null;
      log.info("Catalogue cache is off: every read goes to PostgreSQL");
    } else {
      redis = new RedisTemplate<>();
      redis.setConnectionFactory(factory);
      redis.setKeySerializer(RedisSerializer.string());
      redis.setValueSerializer(RedisSerializer.byteArray());
      redis.afterPropertiesSet();
    }
    // Every series exists from start-up at 0, so dashboards and rate() see them before traffic.
    for (Name name : Name.values()) {
      Map<Result, Counter> byResult = new HashMap<>();
      for (Result result : Result.values()) {
        byResult.put(
            result,
            Counter.builder("silverjems.cache.requests")
                .description("Lookups in the shop's Redis cache")
                .tag("cache", name.label)
                .tag("result", result.name().toLowerCase(java.util.Locale.ROOT))
                .register(meters));
      }
      counters.put(name, byResult);
    }
  }

  /** The cached value of {@code key}, or {@code load}'s (then cached). */
  CachedJson get(Name name, String key, Supplier<CachedJson> load) {
    if (redis == null) {
      return load.get();
    }
    String redisKey = PREFIX + name.label + ":" + key;
    if (System.nanoTime() < redisAvoidedUntilNanos) {
      count(name, Result.ERROR);
      return load.get();
    }
    byte[] stored;
    try {
      stored = redis.opsForValue().get(redisKey);
    } catch (RuntimeException e) {
      avoidRedis("read", e);
      count(name, Result.ERROR);
      return load.get();
    }
    if (stored != null) {
      try {
        CachedJson cached = CachedJson.fromBytes(stored);
        count(name, Result.HIT);
        return cached;
      } catch (IllegalArgumentException e) {
        log.warn("Ignoring a malformed catalogue cache entry {}", redisKey);
      }
    }
    count(name, Result.MISS);
    CachedJson loaded = load.get();
    try {
      redis
          .opsForValue()
          .set(redisKey, loaded.toBytes(), settings.ttl().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      avoidRedis("write", e);
    }
    return loaded;
  }

  /**
   * Connects before the first shopper arrives: a cold JVM's first Redis connection (Netty start-up,
   * class loading) can exceed the short connect timeout and would otherwise cost the first requests
   * their cache. Fails open like everything else here.
   */
  @EventListener(ApplicationReadyEvent.class)
  void warmUp() {
    if (redis == null) {
      return;
    }
    Thread warmUp =
        new Thread(
            () -> {
              try {
                redis.hasKey(PREFIX + "warm-up");
              } catch (RuntimeException e) {
                log.warn("Redis is not answering yet: {}", e.toString());
              }
            },
            "catalog-cache-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  /** Admin changes drop every cached catalogue response once they have committed. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(CatalogChanged change) {
    evictAll();
  }

  void evictAll() {
    if (redis == null) {
      return;
    }
    try {
      var keys = new java.util.ArrayList<String>();
      try (Cursor<String> cursor =
          redis.scan(ScanOptions.scanOptions().match(PREFIX + "*").count(500).build())) {
        cursor.forEachRemaining(keys::add);
      }
      if (!keys.isEmpty()) {
        redis.delete(keys);
      }
    } catch (RuntimeException e) {
      // Entries expire within the TTL anyway; the change is visible a little later.
      log.warn("Could not evict catalogue cache after a change: {}", e.toString());
    }
  }

  private void count(Name name, Result result) {
    counters.get(name).get(result).increment();
  }

  private void avoidRedis(String operation, RuntimeException e) {
    redisAvoidedUntilNanos = System.nanoTime() + settings.retryAfter().toNanos();
    log.warn(
        "Redis {} failed; serving the catalogue from PostgreSQL for {}: {}",
        operation,
        settings.retryAfter(),
        e.toString());
  }
}
