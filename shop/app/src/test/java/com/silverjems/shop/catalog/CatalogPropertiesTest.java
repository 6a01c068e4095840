package com.silverjems.shop.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CatalogPropertiesTest {

  @Test
  void productionWithoutAnImagesBaseUrlFailsAtStartUpSayingWhatToSet() {
    for (URI missing : new URI[] {null, URI.create("")}) {
      assertThatThrownBy(
              () ->
                  new CatalogProperties(
                      Duration.ofSeconds(60),
                      Duration.ofSeconds(60),
                      Duration.ofDays(1),
                      new CatalogProperties.Cache(
                          false, Duration.ofSeconds(60), Duration.ofSeconds(5)),
                      missing))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("IMAGES_BASE_URL");
    }
  }
}
