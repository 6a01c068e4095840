package com.silverjems.routes.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ImagesConfigurationTest {

  @Test
  void otherRouteGroupsRunWithoutAnyImageBean() {
    new ApplicationContextRunner()
        .withPropertyValues("routes.groups=email,delivery-events")
        .withUserConfiguration(ImagesConfiguration.class)
        .run(context -> assertThat(context).doesNotHaveBean(ImageIngestion.class));
  }

  @Test
  void theImagesGroupRefusesToStartWithoutItsBucketsAndSaysWhichVariablesToSet() {
    ImagesProperties unset = bind(Map.of());

    assertThatThrownBy(unset::requireComplete)
        .hasMessageContaining("IMAGES_UPLOAD_BUCKET")
        .hasMessageContaining("IMAGES_PUBLIC_BUCKET")
        .hasMessageContaining("AWS_REGION");
  }

  @Test
  void defaultsSuitProductPhotos() {
    ImagesProperties defaults =
        bind(Map.of(
                "images.upload-bucket",
                "u",
                "images.public-bucket",
                "p",
                "images.s3.region",
                "eu-west-2"))
            .requireComplete();

    assertThat(defaults.renditions().widths()).containsExactly(320, 800, 1600);
    assertThat(defaults.renditions().formats()).containsExactly("jpeg", "webp");
    assertThat(defaults.renditions().cacheControl())
        .isEqualTo("public, max-age=31536000, immutable");
    assertThat(defaults.incomingPrefix()).isEqualTo("incoming/");
    assertThat(defaults.limits().maxPixels()).isLessThan(20_000L * 20_000L);
  }

  @Test
  void keysNameTheirProduct() {
    ImageIngestion ingestion =
        new ImageIngestion(
            bind(Map.of()), null, null, null, new com.fasterxml.jackson.databind.ObjectMapper());

    assertThat(ingestion.productId("incoming/42/ring.jpg")).isEqualTo(42L);
    assertThat(ingestion.productId("incoming/42/sub/ring.jpg")).isEqualTo(42L);
    assertThat(ingestion.productId("incoming/ring.jpg")).isNull();
    assertThat(ingestion.productId("incoming/42/")).isNull();
    assertThat(ingestion.productId("incoming/abc/ring.jpg")).isNull();
    assertThat(ingestion.productId("elsewhere/42/ring.jpg")).isNull();
  }

  static ImagesProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("images", ImagesProperties.class);
  }
}
