package com.silverjems.shop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpCachingTest {

  @Test
  void theETagIsAHashOfTheBytes() {
    CachedJson a = CachedJson.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    CachedJson same = CachedJson.of("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    CachedJson other = CachedJson.of("{\"a\":2}".getBytes(StandardCharsets.UTF_8));
    assertThat(a.etag()).isEqualTo(same.etag()).isNotEqualTo(other.etag());
    assertThat(a.etag()).startsWith("\"").endsWith("\"");
  }

  @Test
  void aCacheEntryRoundTrips() {
    CachedJson entry = CachedJson.of("{\"name\":\"Ring\\n\"}".getBytes(StandardCharsets.UTF_8));
    CachedJson back = CachedJson.fromBytes(entry.toBytes());
    assertThat(back.etag()).isEqualTo(entry.etag());
    assertThat(back.body()).isEqualTo(entry.body());
  }

  @Test
  void ifNoneMatchUsesWeakComparisonAndLists() {
    String etag = "\"abc\"";
    assertThat(CatalogController.matches("\"abc\"", etag)).isTrue();
    assertThat(CatalogController.matches("W/\"abc\"", etag)).isTrue();
    assertThat(CatalogController.matches("\"x\", \"abc\"", etag)).isTrue();
    assertThat(CatalogController.matches("*", etag)).isTrue();
    assertThat(CatalogController.matches("\"abd\"", etag)).isFalse();
    assertThat(CatalogController.matches(null, etag)).isFalse();
  }
}
