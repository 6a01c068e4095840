package com.silverjems.routes.images;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Shared moves of the image ingestion integration tests: products, uploads, waiting. */
final class ImagesTestSupport {

  private static final AtomicLong products = new AtomicLong();

  final JdbcTemplate jdbc;
  final S3Client s3;

  ImagesTestSupport(DataSource dataSource, S3Client s3) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.s3 = s3;
  }

  /** A fresh product, so each test sees only its own images. */
  long newProduct() {
    jdbc.update(
        "INSERT INTO category (slug, name) VALUES ('rings', 'Rings') ON CONFLICT (slug) DO NOTHING");
    String slug = "test-ring-" + products.incrementAndGet() + "-" + System.nanoTime();
    return jdbc.queryForObject(
        "INSERT INTO product (slug, name, category_id)"
            + " SELECT ?, 'Test ring', id FROM category WHERE slug = 'rings' RETURNING id",
        Long.class,
        slug);
  }

  void upload(String key, byte[] bytes, String contentType) {
    s3.putObject(
        b -> b.bucket(LocalS3.UPLOAD_BUCKET).key(key).contentType(contentType),
        RequestBody.fromBytes(bytes));
  }

  /** Waits until the upload under {@code key} is finished and returns its ingestion row. */
  Map<String, Object> awaitFinished(String key) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                jdbc.queryForObject(
                        "SELECT count(*) FROM image_ingestion WHERE upload_key = ?"
                            + " AND status <> 'processing'",
                        Integer.class,
                        key)
                    > 0);
    // The original is moved right after the record: wait for that too.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !exists(LocalS3.UPLOAD_BUCKET, key));
    return ingestion(key);
  }

  Map<String, Object> ingestion(String key) {
    return jdbc.queryForMap(
        "SELECT * FROM image_ingestion WHERE upload_key = ? ORDER BY id DESC LIMIT 1", key);
  }

  List<Map<String, Object>> renditions(long productId) {
    return jdbc.queryForList(
        "SELECT r.*, i.id AS image FROM product_image i"
            + " JOIN product_image_rendition r ON r.image_id = i.id"
            + " WHERE i.product_id = ? ORDER BY i.position, r.width",
        productId);
  }

  int images(long productId) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM product_image WHERE product_id = ?", Integer.class, productId);
  }

  boolean exists(String bucket, String key) {
    return s3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().stream()
        .map(S3Object::key)
        .anyMatch(key::equals);
  }

  List<String> keys(String bucket, String prefix) {
    return s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  ResponseBytes<GetObjectResponse> get(String bucket, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
  }
}
