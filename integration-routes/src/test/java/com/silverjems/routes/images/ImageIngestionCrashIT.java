package com.silverjems.routes.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.testsupport.TestPostgres;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failures in the middle of an upload, injected by advising the route: whatever step fails, nothing
 * is half-published (no image row without its renditions, no original moved before its record), and
 * the retry finishes the job exactly once.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "routes.groups=images",
      "images.ingestion.poll-delay=100",
      "images.ingestion.retry-backoff=1s",
      "images.ingestion.max-attempts=2",
      "logging.structured.format.console="
    })
@DirtiesContext
class ImageIngestionCrashIT {

  static final LocalS3 s3 = LocalS3.inMemory();
  static final TestPostgres.Database database = TestPostgres.shared().newDatabase("image-crash");

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    s3.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    database.springProperties().forEach((key, value) -> registry.add(key, () -> value));
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Autowired CamelContext camel;

  final ImagesTestSupport images = new ImagesTestSupport(database.dataSource(), s3.client());

  static final AtomicBoolean crashedBeforeRecord = new AtomicBoolean();
  static final AtomicBoolean crashedBeforeMove = new AtomicBoolean();
  static final AtomicReference<String> stateAtCrash = new AtomicReference<>();

  @BeforeEach
  void injectCrashesOnce() throws Exception {
    if (camel.isStarted()) {
      return;
    }
    AdviceWith.adviceWith(
        camel,
        ImageIngestionRoute.ROUTE_ID,
        route -> {
          route
              .weaveById("record-processed")
              .before()
              .process(exchange -> crashOnce(exchange, "crash-before-record", crashedBeforeRecord));
          route
              .weaveById("move-processed")
              .before()
              .process(exchange -> crashOnce(exchange, "crash-before-move", crashedBeforeMove));
          route
              .weaveById("publish-renditions")
              .before()
              .process(
                  exchange -> {
                    if (key(exchange).contains("always-fails")) {
                      throw new IllegalStateException("simulated outage of the public bucket");
                    }
                  });
        });
    camel.start();
  }

  private void crashOnce(Exchange exchange, String marker, AtomicBoolean crashed) {
    String key = key(exchange);
    if (key.contains(marker) && crashed.compareAndSet(false, true)) {
      long product = exchange.getMessage().getHeader(ImageIngestion.PRODUCT_ID, Long.class);
      stateAtCrash.set(
          "images="
              + images.images(product)
              + " original="
              + images.exists(LocalS3.UPLOAD_BUCKET, key)
              + " status="
              + images.ingestion(key).get("status"));
      throw new IllegalStateException("simulated crash at " + marker);
    }
  }

  private static String key(Exchange exchange) {
    return exchange.getMessage().getHeader(ImageIngestion.UPLOAD_KEY, String.class);
  }

  @Test
  void aCrashAfterPublishingBeforeRecordingPublishesNothingHalfwayAndTheRetryFinishes() {
    long product = images.newProduct();
    String key = "incoming/" + product + "/crash-before-record.jpg";
    images.upload(key, TestImages.jpeg(TestImages.productShot(1000, 800, 21)), "image/jpeg");

    Map<String, Object> ingestion = images.awaitFinished(key);

    assertThat(crashedBeforeRecord).isTrue();
    assertThat(stateAtCrash.get()).isEqualTo("images=0 original=true status=processing");
    assertThat(ingestion).containsEntry("status", "processed").containsEntry("attempts", 2);
    assertThat(images.images(product)).isEqualTo(1);
    // The retry wrote the same content-hashed keys: every object in the bucket is recorded.
    assertThat(images.keys(LocalS3.PUBLIC_BUCKET, "images/" + product + "/"))
        .containsExactlyInAnyOrderElementsOf(
            images.renditions(product).stream().map(r -> (String) r.get("object_key")).toList());
  }

  @Test
  void aCrashAfterRecordingBeforeMovingTheOriginalOnlyMovesItOnRetry() {
    long product = images.newProduct();
    String key = "incoming/" + product + "/crash-before-move.jpg";
    images.upload(key, TestImages.jpeg(TestImages.productShot(1000, 800, 22)), "image/jpeg");

    Map<String, Object> ingestion = images.awaitFinished(key);

    assertThat(crashedBeforeMove).isTrue();
    assertThat(stateAtCrash.get()).isEqualTo("images=1 original=true status=processed");
    assertThat(ingestion).containsEntry("status", "processed");
    assertThat(images.images(product)).isEqualTo(1);
    assertThat(images.renditions(product)).hasSize(2 * 2); // 320 and 800, JPEG and WebP
    assertThat(
            images.exists(LocalS3.UPLOAD_BUCKET, "processed/" + product + "/crash-before-move.jpg"))
        .isTrue();
  }

  @Test
  void anUploadThatKeepsFailingIsRejectedAfterTheLastAttempt() {
    long product = images.newProduct();
    String key = "incoming/" + product + "/always-fails.jpg";
    images.upload(key, TestImages.jpeg(TestImages.productShot(400, 300, 23)), "image/jpeg");

    Map<String, Object> ingestion = images.awaitFinished(key);

    assertThat(ingestion)
        .containsEntry("status", "rejected")
        .containsEntry("rejection_reason", "processing_failed");
    assertThat((String) ingestion.get("rejection_detail"))
        .contains("simulated outage of the public bucket");
    assertThat(images.exists(LocalS3.UPLOAD_BUCKET, "rejected/" + product + "/always-fails.jpg"))
        .isTrue();
  }
}
