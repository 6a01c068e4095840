package com.silverjems.shop.images;

import com.silverjems.shop.audit.AuditLog;
import com.silverjems.shop.catalog.ProductImage;
import com.silverjems.shop.catalog.ProductImages;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Admin photo uploads. An original goes to the upload bucket as {@code incoming/<product
 * id>/<name>} (CONTRIBUTING.md, "Product images"), where the image pipeline picks it up; its
 * verdict comes back in {@code image_ingestion}. The admin sees every upload of a product: still
 * waiting in {@code incoming/}, being processed, published, or refused and why.
 */
@Service
class ImageUploads {

  private static final Logger log = LoggerFactory.getLogger(ImageUploads.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
  private static final int RECENT = 50;

  /** One upload as the admin sees it; {@code status} is waiting, processing, processed, ... */
  record Upload(
      String key,
      String fileName,
      String status,
      String rejectionReason,
      String rejectionDetail,
      Instant uploadedAt,
      Instant finishedAt) {}

  /** A product's published photos and its recent uploads, newest first. */
  record Photos(List<ProductImage> images, List<Upload> uploads) {}

  private final JdbcClient jdbc;
  private final S3Client s3;
  private final ImagesProperties properties;
  private final ProductImages productImages;
  private final AuditLog audit;
  private final TransactionTemplate transaction;
  private final Clock clock = Clock.systemUTC();

  ImageUploads(
      JdbcClient jdbc,
      S3Client s3,
      ImagesProperties properties,
      ProductImages productImages,
      AuditLog audit,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.s3 = s3;
    this.properties = properties;
    this.productImages = productImages;
    this.audit = audit;
    this.transaction = new TransactionTemplate(transactions);
  }

  Photos photos(String slug) {
    long productId = productId(slug);
    List<Upload> uploads = new ArrayList<>();
    Set<String> known = new HashSet<>();
    jdbc.sql(
            """
            SELECT upload_key, status, rejection_reason, rejection_detail, created_at, finished_at
            FROM image_ingestion WHERE product_id = :product
            ORDER BY created_at DESC LIMIT :limit
            """)
        .param("product", productId)
        .param("limit", RECENT)
        .query(
            (row, n) ->
                new Upload(
                    row.getString("upload_key"),
                    fileName(row.getString("upload_key")),
                    row.getString("status"),
                    row.getString("rejection_reason"),
                    row.getString("rejection_detail"),
                    row.getTimestamp("created_at").toInstant(),
                    row.getTimestamp("finished_at") == null
                        ? null
                        : row.getTimestamp("finished_at").toInstant()))
        .list()
        .forEach(
            upload -> {
              uploads.add(upload);
              known.add(upload.key());
            });
    uploads.addAll(0, waiting(productId, known));
    List<ProductImage> images = productImages.of(List.of(slug)).getOrDefault(slug, List.of());
    return new Photos(images, uploads);
  }

  // Uploads the pipeline has not claimed yet are only in the bucket.
  private List<Upload> waiting(long productId, Set<String> known) {
    if (!properties.uploadsEnabled()) {
      return List.of();
    }
    try {
      return s3
          .listObjectsV2(
              request -> request.bucket(properties.uploadBucket()).prefix(prefix(productId)))
          .contents()
          .stream()
          .filter(object -> !known.contains(object.key()))
          .sorted((a, b) -> b.lastModified().compareTo(a.lastModified()))
          .map(this::waitingUpload)
          .toList();
    } catch (SdkException e) {
      log.warn("Could not list waiting uploads of product {}: {}", productId, e.getMessage());
      return List.of();
    }
  }

  private Upload waitingUpload(S3Object object) {
    return new Upload(
        object.key(), fileName(object.key()), "waiting", null, null, object.lastModified(), null);
  }

  /**
   * Stores an original for the pipeline.
   *
   * @throws ImageUploadRefused when the file is empty, too big or not a JPEG, PNG or WebP
   * @throws ImageUploadsUnavailable when no bucket is configured or it cannot be reached
   */
  Upload upload(String slug, String originalName, long size, Content content, String actor) {
    long productId = productId(slug);
    if (!properties.uploadsEnabled()) {
      throw new ImageUploadsUnavailable("Photo uploads are not set up on this server.", null);
    }
    if (size == 0) {
      throw new ImageUploadRefused(HttpStatus.BAD_REQUEST, "The file is empty.");
    }
    if (size > properties.maxUploadSize().toBytes()) {
      throw new ImageUploadRefused(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "Photos can be at most " + properties.maxUploadSize().toMegabytes() + " MB.");
    }
    String type;
    try (InputStream head = content.open()) {
      type = PhotoType.of(head.readNBytes(12));
    } catch (IOException e) {
      throw new ImageUploadRefused(HttpStatus.BAD_REQUEST, "The file could not be read.");
    }
    if (type == null) {
      throw new ImageUploadRefused(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Only JPEG, PNG and WebP photos can be uploaded.");
    }
    Instant now = clock.instant();
    String key =
        prefix(productId)
            + STAMP.format(now)
            + "-"
            + UUID.randomUUID().toString().substring(0, 8)
            + "-"
            + safeName(originalName);
    try (InputStream body = content.open()) {
      s3.putObject(
          PutObjectRequest.builder()
              .bucket(properties.uploadBucket())
              .key(key)
              .contentType(type)
              .metadata(Map.of("uploaded-by", actor))
              .build(),
          RequestBody.fromInputStream(body, size));
    } catch (SdkException | IOException e) {
      throw new ImageUploadsUnavailable(
          "The photo store could not be reached, so nothing was uploaded. Try again shortly.", e);
    }
    transaction.executeWithoutResult(
        status ->
            audit.record(
                actor,
                "product.image-uploaded",
                "product",
                slug,
                null,
                Map.of("key", key, "contentType", type, "sizeBytes", size)));
    return new Upload(key, fileName(key), "waiting", null, null, now, null);
  }

  /** Opens the uploaded bytes (again): once to check the type, once to store them. */
  interface Content {
    InputStream open() throws IOException;
  }

  private long productId(String slug) {
    return jdbc.sql("SELECT id FROM product WHERE slug = :slug")
        .param("slug", slug)
        .query(Long.class)
        .optional()
        .orElseThrow(() -> new ProductForImagesNotFound(slug));
  }

  private static String prefix(long productId) {
    return "incoming/" + productId + "/";
  }

  /** The name the admin chose, shown back to them (without our time stamp and nonce). */
  static String fileName(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    return name.matches("\\d{8}T\\d{6}-[0-9a-f]{8}-.+") ? name.substring(25) : name;
  }

  /** Letters, digits, dots, dashes and underscores only: keys stay readable and safe in URLs. */
  static String safeName(String name) {
    String base = name == null ? "" : name.substring(name.replace('\\', '/').lastIndexOf('/') + 1);
    String safe = base.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+", "");
    if (safe.length() > 100) {
      safe = safe.substring(safe.length() - 100);
    }
    return safe.isEmpty() ? "photo" : safe;
  }
}
