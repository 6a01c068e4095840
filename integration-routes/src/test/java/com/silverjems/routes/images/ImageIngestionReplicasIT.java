package com.silverjems.routes.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.routes.IntegrationRoutesApplication;
import com.silverjems.testsupport.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Two replicas of the images group on the same buckets and database: each upload once. */
class ImageIngestionReplicasIT {

  static final LocalS3 s3 = LocalS3.inMemory();
  static final TestPostgres.Database database = TestPostgres.shared().newDatabase("image-replicas");
  static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

  final ImagesTestSupport images = new ImagesTestSupport(database.dataSource(), s3.client());

  @BeforeAll
  static void startTwoReplicas() {
    Map<String, Object> properties = new HashMap<>();
    properties.putAll(s3.springProperties());
    properties.putAll(database.springProperties());
    properties.put("routes.groups", "images");
    properties.put("images.ingestion.poll-delay", "50");
    properties.put("images.ingestion.max-per-poll", "3");
    properties.put("server.port", "0");
    properties.put("logging.structured.format.console", "");
    // As arguments: they outrank application.yml, as the environment does in production.
    String[] arguments =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    for (int i = 0; i < 2; i++) {
      replicas.add(new SpringApplicationBuilder(IntegrationRoutesApplication.class).run(arguments));
    }
  }

  @AfterAll
  static void stop() {
    replicas.forEach(ConfigurableApplicationContext::close);
    s3.close();
  }

  @Test
  void twoReplicasPollingTheSameBucketProcessEachUploadOnce() {
    long product = images.newProduct();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String key = "incoming/" + product + "/view-" + i + ".jpg";
      keys.add(key);
      images.upload(key, TestImages.jpeg(TestImages.productShot(700, 500, 100 + i)), "image/jpeg");
    }

    for (String key : keys) {
      assertThat(images.awaitFinished(key)).containsEntry("status", "processed");
    }
    assertThat(images.images(product)).isEqualTo(8);
    // 700 px wide: one 320 px rendition each, as JPEG and as WebP.
    assertThat(images.renditions(product)).hasSize(8 * 2);
    double processed =
        replicas.stream()
            .mapToDouble(
                replica ->
                    replica
                        .getBean(MeterRegistry.class)
                        .counter("silverjems.images", "outcome", "processed")
                        .count())
            .sum();
    assertThat(processed).isEqualTo(8);
  }

  @Test
  void aClaimIsExclusiveUntilItExpiresAndAStaleOwnerCannotRecord() {
    long product = images.newProduct();
    ProducerTemplate sql = replicas.get(0).getBean(CamelContext.class).createProducerTemplate();
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();

    assertThat(claim(sql, product, first)).containsEntry("claim", "claimed");
    assertThat(claim(sql, product, second)).containsEntry("claim", "busy");

    // The first owner stalls past its lease: the second takes over, with a new fencing token.
    images.jdbc.update(
        "UPDATE image_ingestion SET claimed_until = now() - interval '1 second'"
            + " WHERE upload_key = 'incoming/contested.jpg'");
    Map<String, Object> takeover = claim(sql, product, second);
    assertThat(takeover).containsEntry("claim", "claimed").containsEntry("attempts", 2);

    Map<String, Object> record = new HashMap<>();
    record.put(ImageIngestion.INGESTION_ID, takeover.get("id"));
    record.put(ImageIngestion.CLAIM_TOKEN, first);
    record.put(ImageIngestion.SOURCE_SHA256, "0".repeat(64));
    record.put(ImageIngestion.DETECTED_TYPE, "jpeg");
    record.put(ImageIngestion.SIZE_BYTES, 1000L);
    record.put(ImageIngestion.MOVED_TO, "processed/contested.jpg");
    record.put(ImageIngestion.WIDTH, 10);
    record.put(ImageIngestion.HEIGHT, 10);
    record.put(ImageIngestion.RENDITIONS_JSON, "[]");
    Map<?, ?> stale =
        sql.requestBodyAndHeaders(
            "sql:classpath:images/record-processed.sql?outputType=SelectOne",
            null,
            record,
            Map.class);
    assertThat(stale.get("status")).isNull();
    assertThat(images.images(product)).isZero();

    record.put(ImageIngestion.CLAIM_TOKEN, second);
    Map<?, ?> owner =
        sql.requestBodyAndHeaders(
            "sql:classpath:images/record-processed.sql?outputType=SelectOne",
            null,
            record,
            Map.class);
    assertThat(owner.get("status")).isEqualTo("processed");
    assertThat(images.images(product)).isEqualTo(1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> claim(ProducerTemplate sql, long product, String token) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(ImageIngestion.UPLOAD_KEY, "incoming/contested.jpg");
    headers.put(ImageIngestion.ETAG, "etag-1");
    headers.put(ImageIngestion.PRODUCT_ID, product);
    headers.put(ImageIngestion.SIZE_BYTES, 1000L);
    headers.put(ImageIngestion.CLAIM_TOKEN, token);
    headers.put(ImageIngestion.LEASE_SECONDS, 300);
    return sql.requestBodyAndHeaders(
        "sql:classpath:images/claim.sql?outputType=SelectOne", null, headers, Map.class);
  }
}
