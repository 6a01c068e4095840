package com.silverjems.routes.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.testsupport.TestPostgres;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** Image ingestion end to end: S3Proxy in-process, real PostgreSQL, the real route. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "routes.groups=images",
      "images.ingestion.poll-delay=100",
      "management.endpoint.health.group.readiness.show-components=always",
      "logging.structured.format.console="
    })
@AutoConfigureObservability
@DirtiesContext
class ImageIngestionIT {

  static final LocalS3 s3 = LocalS3.inMemory();
  static final TestPostgres.Database database =
      TestPostgres.shared().newDatabase("image-ingestion");

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    s3.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    database.springProperties().forEach((key, value) -> registry.add(key, () -> value));
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @LocalServerPort int port;
  @Autowired CamelContext camel;
  @Autowired ImageStore store;
  @TempDir Path dir;

  final ImagesTestSupport images = new ImagesTestSupport(database.dataSource(), s3.client());
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void validJpegPngAndWebpBecomeImmutableRenditionsOnThePublicBucket() throws Exception {
    long product = images.newProduct();
    images.upload(
        "incoming/" + product + "/front.jpg",
        TestImages.jpeg(TestImages.productShot(2000, 1500, 11)),
        "image/jpeg");
    images.upload(
        "incoming/" + product + "/cut-out.png",
        TestImages.png(TestImages.cutOut(1000, 1000)),
        "image/png");
    images.upload(
        "incoming/" + product + "/side.webp",
        TestImages.webp(TestImages.productShot(1000, 700, 12), dir),
        "image/webp");

    assertThat(images.awaitFinished("incoming/" + product + "/front.jpg"))
        .containsEntry("status", "processed")
        .containsEntry("detected_type", "jpeg");
    assertThat(images.awaitFinished("incoming/" + product + "/cut-out.png"))
        .containsEntry("status", "processed")
        .containsEntry("detected_type", "png");
    assertThat(images.awaitFinished("incoming/" + product + "/side.webp"))
        .containsEntry("status", "processed")
        .containsEntry("detected_type", "webp");

    assertThat(images.images(product)).isEqualTo(3);
    List<Map<String, Object>> renditions = images.renditions(product);
    assertThat(renditions).extracting(r -> r.get("width")).contains(320, 800, 1600);
    // 2000 px wide: 3 widths; 1000 px: 320 and 800; each as JPEG and WebP.
    assertThat(renditions).hasSize(2 * (3 + 2 + 2));
    assertThat(renditions)
        .filteredOn(r -> "webp".equals(r.get("format")))
        .extracting(r -> r.get("width"))
        .containsExactlyInAnyOrderElementsOf(
            renditions.stream()
                .filter(r -> "jpeg".equals(r.get("format")))
                .map(r -> r.get("width"))
                .toList());
    for (Map<String, Object> rendition : renditions) {
      boolean webp = "webp".equals(rendition.get("format"));
      String key = (String) rendition.get("object_key");
      ResponseBytes<GetObjectResponse> object = images.get(LocalS3.PUBLIC_BUCKET, key);
      GetObjectResponse head = object.response();
      assertThat(head.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
      assertThat(head.contentType()).isEqualTo(webp ? "image/webp" : "image/jpeg");
      assertThat(key)
          .startsWith("images/" + product + "/")
          .contains(ImageProcessor.sha256(object.asByteArray()).substring(0, 32))
          .endsWith("-" + rendition.get("width") + (webp ? "w.webp" : "w.jpg"));
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(object.asByteArray()));
      assertThat(decoded.getWidth()).isEqualTo(rendition.get("width"));
      assertThat(decoded.getHeight()).isEqualTo(rendition.get("height"));
      assertThat((long) object.asByteArray().length).isEqualTo(rendition.get("size_bytes"));
    }
    // A browser needs no credentials: the public bucket is the CDN origin.
    HttpResponse<byte[]> anonymous =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(s3.publicBaseUrl() + renditions.get(0).get("object_key")))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(anonymous.statusCode()).isEqualTo(200);

    HeadObjectResponse original =
        images.s3.headObject(
            b -> b.bucket(LocalS3.UPLOAD_BUCKET).key("processed/" + product + "/front.jpg"));
    assertThat(original.metadata()).containsEntry("ingestion-status", "processed");
    assertThat(images.keys(LocalS3.UPLOAD_BUCKET, "incoming/" + product + "/")).isEmpty();
  }

  @Test
  void aPngNamedJpgIsProcessedAsThePngItReallyIs() {
    long product = images.newProduct();
    String key = "incoming/" + product + "/renamed.jpg";
    images.upload(key, TestImages.png(TestImages.productShot(900, 600, 13)), "image/jpeg");

    assertThat(images.awaitFinished(key))
        .containsEntry("status", "processed")
        .containsEntry("detected_type", "png");
    assertThat(images.renditions(product))
        .filteredOn(r -> "jpeg".equals(r.get("format")))
        .extracting(r -> r.get("width"))
        .containsExactly(320, 800);
    HeadObjectResponse original =
        images.s3.headObject(
            b -> b.bucket(LocalS3.UPLOAD_BUCKET).key("processed/" + product + "/renamed.jpg"));
    assertThat(original.contentType()).isEqualTo("image/png");
  }

  @Test
  void aTruncatedFileIsRejectedWithItsReasonForTheAdmin() {
    long product = images.newProduct();
    String key = "incoming/" + product + "/cut-short.jpg";
    double before = counter("silverjems_images_rejected_total", "reason", "corrupt");
    images.upload(
        key,
        TestImages.truncated(TestImages.jpeg(TestImages.productShot(1600, 1200, 14)), 0.55),
        "image/jpeg");

    Map<String, Object> ingestion = images.awaitFinished(key);

    assertThat(ingestion)
        .containsEntry("status", "rejected")
        .containsEntry("rejection_reason", "corrupt")
        .containsEntry("original_moved_to", "rejected/" + product + "/cut-short.jpg");
    assertThat((String) ingestion.get("rejection_detail")).contains("damaged or truncated");
    HeadObjectResponse original =
        images.s3.headObject(
            b -> b.bucket(LocalS3.UPLOAD_BUCKET).key("rejected/" + product + "/cut-short.jpg"));
    assertThat(original.metadata())
        .containsEntry("ingestion-status", "rejected")
        .containsEntry("rejection-reason", "corrupt")
        .hasEntrySatisfying("rejection-detail", d -> assertThat(d).contains("truncated"));
    assertThat(images.images(product)).isZero();
    assertThat(images.keys(LocalS3.PUBLIC_BUCKET, "images/" + product + "/")).isEmpty();
    assertThat(counter("silverjems_images_rejected_total", "reason", "corrupt"))
        .isEqualTo(before + 1);
  }

  @Test
  void aDecompressionBombIsRejectedWithoutDecodingIt() throws Exception {
    long product = images.newProduct();
    String key = "incoming/" + product + "/bomb.png";
    Path bomb = dir.resolve("bomb.png");
    TestImages.writePngBomb(bomb, 20_000, 20_000);
    images.upload(key, Files.readAllBytes(bomb), "image/png");

    assertThat(images.awaitFinished(key))
        .containsEntry("status", "rejected")
        .containsEntry("rejection_reason", "too_many_pixels");
    assertThat(images.images(product)).isZero();
  }

  @Test
  void gpsExifIsGoneFromEveryRenditionAndOrientationIsKept() throws Exception {
    long product = images.newProduct();
    String key = "incoming/" + product + "/from-phone.jpg";
    byte[] upload = TestImages.jpegWithExif(TestImages.productShot(1800, 1200, 15), 6);
    assertThat(TestImages.containsAscii(upload, "SilverCam")).isTrue();
    images.upload(key, upload, "image/jpeg");

    assertThat(images.awaitFinished(key)).containsEntry("status", "processed");
    List<Map<String, Object>> renditions = images.renditions(product);
    assertThat(renditions)
        .extracting(r -> r.get("format") + "@" + r.get("width"))
        .containsExactlyInAnyOrder("jpeg@320", "jpeg@800", "webp@320", "webp@800");
    for (Map<String, Object> rendition : renditions) {
      byte[] bytes =
          images.get(LocalS3.PUBLIC_BUCKET, (String) rendition.get("object_key")).asByteArray();
      if ("jpeg".equals(rendition.get("format"))) {
        assertThat(TestImages.jpegMarkersBeforeScan(bytes)).doesNotContain(0xE1, 0xE2, 0xED);
      }
      assertThat(TestImages.containsAscii(bytes, "Exif")).isFalse();
      assertThat(TestImages.containsAscii(bytes, "EXIF")).isFalse();
      assertThat(TestImages.containsAscii(bytes, "SilverCam")).isFalse();
      BufferedImage shown = ImageIO.read(new ByteArrayInputStream(bytes));
      assertThat(shown.getHeight()).isGreaterThan(shown.getWidth()); // turned upright
    }
  }

  @Test
  void aDuplicateUploadIsProcessedOnce() {
    long product = images.newProduct();
    String key = "incoming/" + product + "/twice.jpg";
    byte[] picture = TestImages.jpeg(TestImages.productShot(1000, 800, 16));
    double duplicates = counter("silverjems_images_total", "outcome", "duplicate");
    images.upload(key, picture, "image/jpeg");
    images.awaitFinished(key);
    List<Map<String, Object>> first = images.renditions(product);

    // Same key, same bytes (same ETag): the admin's browser retried the upload.
    images.upload(key, picture, "image/jpeg");
    await(() -> counter("silverjems_images_total", "outcome", "duplicate") >= duplicates + 1);
    images.awaitFinished(key);
    // Same picture under another name for the same product.
    images.upload("incoming/" + product + "/again.jpg", picture, "image/jpeg");

    assertThat(images.awaitFinished("incoming/" + product + "/again.jpg"))
        .containsEntry("status", "duplicate");
    assertThat(
            images.jdbc.queryForObject(
                "SELECT count(*) FROM image_ingestion WHERE upload_key = ?", Integer.class, key))
        .isEqualTo(1);
    assertThat(images.images(product)).isEqualTo(1);
    assertThat(images.renditions(product)).isEqualTo(first);
    assertThat(counter("silverjems_images_total", "outcome", "duplicate"))
        .isEqualTo(duplicates + 2);
  }

  @Test
  void uploadsThatNameNoProductOrAreNoImageAreRejected() {
    long product = images.newProduct();
    images.upload(
        "incoming/999999999/ring.jpg",
        TestImages.jpeg(TestImages.productShot(400, 300, 17)),
        "image/jpeg");
    images.upload(
        "incoming/loose.jpg", TestImages.jpeg(TestImages.productShot(400, 300, 18)), "image/jpeg");
    images.upload(
        "incoming/" + product + "/notes.jpg",
        "<html>not a picture</html>".getBytes(),
        "image/jpeg");

    assertThat(images.awaitFinished("incoming/999999999/ring.jpg"))
        .containsEntry("rejection_reason", "unknown_product");
    assertThat(images.awaitFinished("incoming/loose.jpg"))
        .containsEntry("rejection_reason", "unknown_product");
    assertThat(images.awaitFinished("incoming/" + product + "/notes.jpg"))
        .containsEntry("rejection_reason", "unsupported_type")
        .containsEntry("product_id", product);
  }

  @Test
  void metricsOfTheContractAreExportedWithEveryLabelFromTheStart() throws Exception {
    String scrape = get("/actuator/prometheus").body();

    for (String outcome : List.of("processed", "rejected", "duplicate")) {
      assertThat(scrape)
          .containsPattern("silverjems_images_total\\{[^}]*outcome=\"" + outcome + "\"");
    }
    for (RejectionReason reason : RejectionReason.values()) {
      assertThat(scrape)
          .containsPattern(
              "silverjems_images_rejected_total\\{[^}]*reason=\"" + reason.label() + "\"");
    }
    assertThat(scrape)
        .containsPattern(
            "silverjems_image_processing_seconds_bucket\\{[^}]*application=\"integration-routes\"");
  }

  @Test
  void readinessIncludesTheGroupAndFailsWhenABucketIsMissing() throws Exception {
    HttpResponse<String> readiness = get("/actuator/health/readiness");
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"images\":{\"status\":\"UP\"");

    ImagesProperties missingBucket =
        new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source
                    .MapConfigurationPropertySource(
                    Map.of(
                        "images.upload-bucket",
                        "no-such-bucket",
                        "images.public-bucket",
                        LocalS3.PUBLIC_BUCKET)))
            .bindOrCreate("images", ImagesProperties.class);
    assertThat(
            new ImagesReadiness(camel, new ImageStore(s3.client(), missingBucket))
                .health()
                .getStatus())
        .isEqualTo(Status.DOWN);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private double counter(String name, String label, String value) {
    try {
      for (String line : get("/actuator/prometheus").body().split("\n")) {
        if (line.startsWith(name + "{") && line.contains(label + "=\"" + value + "\"")) {
          return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError(name + "{" + label + "=" + value + "} is not exported");
  }

  private static void await(java.util.concurrent.Callable<Boolean> condition) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofMillis(100))
        .until(condition);
  }
}
