package com.silverjems.routes.images;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.routes.images.ImageProcessor.ProcessedImage;
import com.silverjems.routes.images.ImageProcessor.Rendition;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the images route, one method per step; the route ({@link ImageIngestionRoute}) says
 * in which order. State travels in message headers, which the camel-sql statements in {@code
 * images/*.sql} read as named parameters.
 *
 * <p>Order matters for crash safety: renditions are written first (content-hashed keys nobody
 * references yet), then recorded in one SQL statement, then the original is moved. A crash at any
 * point leaves the original in {@code incoming/} and its claim expiring, and the retry redoes only
 * what is missing: same bytes to the same keys, the record at most once, the move.
 */
final class ImageIngestion {

  static final String UPLOAD_KEY = "imageUploadKey";
  static final String ETAG = "imageEtag";
  static final String PRODUCT_ID = "imageProductId";
  static final String SIZE_BYTES = "imageSizeBytes";
  static final String CLAIM_TOKEN = "imageClaimToken";
  static final String LEASE_SECONDS = "imageLeaseSeconds";
  static final String CLAIM = "imageClaim";
  static final String INGESTION_ID = "imageIngestionId";
  static final String DETECTED_TYPE = "imageDetectedType";
  static final String SOURCE_SHA256 = "imageSourceSha256";
  static final String WIDTH = "imageWidth";
  static final String HEIGHT = "imageHeight";
  static final String RENDITIONS_JSON = "imageRenditionsJson";
  static final String MOVED_TO = "imageMovedTo";
  static final String REJECTION_REASON = "imageRejectionReason";
  static final String REJECTION_DETAIL = "imageRejectionDetail";
  static final String RECORDED = "imageRecorded";
  static final String LAST_ERROR = "imageLastError";
  static final String RETRY_SECONDS = "imageRetrySeconds";

  /** Exchange property: what the claim step decided. */
  static final String DECISION = "imageDecision";

  /** Exchange property: the renditions to publish, with their keys. */
  private static final String PUBLICATIONS = "imagePublications";

  private static final String STARTED = "imageStartedNanos";

  private static final Pattern PRODUCT_KEY = Pattern.compile("(\\d{1,18})/[^/].*");

  private static final Logger log = LoggerFactory.getLogger(ImageIngestion.class);

  /** What the claim step found. */
  enum Decision {
    /** This replica owns the upload now. */
    CLAIMED,
    /** Another replica is on it and its claim holds. */
    BUSY,
    /** Handled before (a redelivery, or a crash before the original was moved). */
    DONE
  }

  private final ImagesProperties properties;
  private final ImageProcessor processor;
  private final ImageStore store;
  private final ImageMetrics metrics;
  private final ObjectMapper json;

  ImageIngestion(
      ImagesProperties properties,
      ImageProcessor processor,
      ImageStore store,
      ImageMetrics metrics,
      ObjectMapper json) {
    this.properties = properties;
    this.processor = processor;
    this.store = store;
    this.metrics = metrics;
    this.json = json;
  }

  /** Step 1: what was uploaded, for which product, and a fresh fencing token for the claim. */
  void describe(Exchange exchange) {
    exchange.setProperty(STARTED, System.nanoTime());
    Message in = exchange.getMessage();
    String key = in.getHeader(AWS2S3Constants.KEY, String.class);
    String etag = in.getHeader(AWS2S3Constants.E_TAG, String.class);
    in.setHeader(UPLOAD_KEY, key);
    in.setHeader(ETAG, etag == null ? "" : etag.replace("\"", ""));
    in.setHeader(PRODUCT_ID, productId(key));
    in.setHeader(SIZE_BYTES, in.getHeader(AWS2S3Constants.CONTENT_LENGTH, Long.class));
    in.setHeader(CLAIM_TOKEN, UUID.randomUUID().toString());
    in.setHeader(LEASE_SECONDS, properties.ingestion().claimLease().toSeconds());
  }

  /** The product id of {@code incoming/<product id>/<file name>}, or null. */
  Long productId(String key) {
    if (key == null || !key.startsWith(properties.incomingPrefix())) {
      return null;
    }
    Matcher matcher = PRODUCT_KEY.matcher(key.substring(properties.incomingPrefix().length()));
    return matcher.matches() ? Long.valueOf(matcher.group(1)) : null;
  }

  /** Step 2, after claim.sql: own it, leave it to another replica, or finish an earlier run. */
  void decide(Exchange exchange) {
    Message in = exchange.getMessage();
    Map<?, ?> row = in.getHeader(CLAIM, Map.class);
    Decision decision;
    if (row == null) {
      decision = Decision.BUSY; // another replica inserted it in the same instant
    } else {
      decision =
          Decision.valueOf(String.valueOf(row.get("claim")).toUpperCase(java.util.Locale.ROOT));
      in.setHeader(INGESTION_ID, ((Number) row.get("id")).longValue());
    }
    exchange.setProperty(DECISION, decision);
    if (decision == Decision.BUSY) {
      log.debug("Upload {} is being processed by another replica", in.getHeader(UPLOAD_KEY));
    }
  }

  /**
   * Step 3: download within the size limit, validate and render. Sets the headers of either
   * record-processed.sql or record-rejected.sql; {@link #isRejected} tells which.
   */
  void process(Exchange exchange) throws IOException {
    Message in = exchange.getMessage();
    Map<?, ?> claim = in.getHeader(CLAIM, Map.class);
    try {
      if (((Number) claim.get("attempts")).intValue() > properties.ingestion().maxAttempts()) {
        // A poison upload (or an outage that outlasted every back-off): stop retrying it for ever.
        throw new ImageRejected(
            RejectionReason.PROCESSING_FAILED,
            "Gave up after "
                + properties.ingestion().maxAttempts()
                + " attempts; last error: "
                + claim.get("last_error"));
      }
      Object productId = claim.get("product_id");
      if (productId == null) {
        throw new ImageRejected(
            RejectionReason.UNKNOWN_PRODUCT,
            "Upload to "
                + properties.incomingPrefix()
                + "<product id>/<file name> of an existing product.");
      }
      Long declaredSize = in.getHeader(SIZE_BYTES, Long.class);
      if (declaredSize != null && declaredSize > properties.limits().maxBytes().toBytes()) {
        throw tooLarge();
      }
      Path file = Files.createTempFile("silverjems-upload-", ".bin");
      try {
        in.setHeader(SOURCE_SHA256, download(in.getBody(InputStream.class), file));
        in.setHeader(SIZE_BYTES, Files.size(file));
        ProcessedImage image = processor.process(file);
        prepareRecord(in, ((Number) productId).longValue(), image, exchange);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (ImageRejected rejected) {
      in.setHeader(REJECTION_REASON, rejected.reason().label());
      in.setHeader(REJECTION_DETAIL, rejected.detail());
      in.setHeader(MOVED_TO, movedTo(in.getHeader(UPLOAD_KEY, String.class), true));
    }
  }

  /** Whether {@link #process} refused the upload. */
  static boolean isRejected(Exchange exchange) {
    return exchange.getMessage().getHeader(REJECTION_REASON) != null;
  }

  private String download(InputStream body, Path file) throws IOException, ImageRejected {
    long limit = properties.limits().maxBytes().toBytes();
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
    try (InputStream source = body;
        OutputStream target = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
      byte[] buffer = new byte[64 * 1024];
      long copied = 0;
      for (int n; (n = source.read(buffer)) > 0; ) {
        copied += n;
        if (copied > limit) {
          throw tooLarge(); // the object grew or lied about its length: stop reading now
        }
        target.write(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private ImageRejected tooLarge() {
    return new ImageRejected(
        RejectionReason.TOO_LARGE,
        "The file is larger than " + properties.limits().maxBytes().toMegabytes() + " MB.");
  }

  private void prepareRecord(Message in, long productId, ProcessedImage image, Exchange exchange)
      throws JsonProcessingException {
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, Rendition> publications = new LinkedHashMap<>();
    for (Rendition rendition : image.renditions()) {
      String key = store.renditionKey(productId, rendition);
      publications.put(key, rendition);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("format", rendition.format());
      row.put("content_type", rendition.contentType());
      row.put("width", rendition.width());
      row.put("height", rendition.height());
      row.put("size_bytes", rendition.bytes().length);
      row.put("object_key", key);
      rows.add(row);
    }
    exchange.setProperty(PUBLICATIONS, publications);
    in.setHeader(DETECTED_TYPE, image.type().formatName());
    in.setHeader(WIDTH, image.width());
    in.setHeader(HEIGHT, image.height());
    in.setHeader(RENDITIONS_JSON, json.writeValueAsString(rows));
    in.setHeader(MOVED_TO, movedTo(in.getHeader(UPLOAD_KEY, String.class), false));
  }

  private String movedTo(String key, boolean rejected) {
    String name =
        key.startsWith(properties.incomingPrefix())
            ? key.substring(properties.incomingPrefix().length())
            : key;
    return (rejected ? properties.rejectedPrefix() : properties.processedPrefix()) + name;
  }

  /** Step 4 (accepted uploads): renditions to the public bucket, before anything refers to them. */
  void publish(Exchange exchange) {
    @SuppressWarnings("unchecked")
    Map<String, Rendition> publications = exchange.getProperty(PUBLICATIONS, Map.class);
    publications.forEach(store::publish);
  }

  /** Step 6 (accepted uploads), after record-processed.sql: move the original, count it. */
  void afterProcessed(Exchange exchange) {
    Message in = exchange.getMessage();
    Map<?, ?> result = in.getHeader(RECORDED, Map.class);
    Object status = result == null ? null : result.get("status");
    if (status == null) {
      lostClaim(in);
      return;
    }
    moveOriginal(in, false, String.valueOf(status), null, null);
    if ("duplicate".equals(status)) {
      log.info(
          "Upload {} shows a picture product {} already has",
          in.getHeader(UPLOAD_KEY),
          in.getHeader(PRODUCT_ID));
      metrics.duplicate();
    } else {
      log.info(
          "Upload {} published for product {} as {} renditions",
          in.getHeader(UPLOAD_KEY),
          in.getHeader(PRODUCT_ID),
          result.get("renditions"));
      metrics.processed(took(exchange));
    }
  }

  /** Step 5-6 (refused uploads), after record-rejected.sql: move the original, count it. */
  void afterRejected(Exchange exchange) {
    Message in = exchange.getMessage();
    Integer updated = in.getHeader("CamelSqlUpdateCount", Integer.class);
    if (updated == null || updated == 0) {
      lostClaim(in);
      return;
    }
    String reason = in.getHeader(REJECTION_REASON, String.class);
    String detail = in.getHeader(REJECTION_DETAIL, String.class);
    moveOriginal(in, true, "rejected", reason, detail);
    log.warn("Upload {} rejected ({}): {}", in.getHeader(UPLOAD_KEY), reason, detail);
    metrics.rejected(reasonOf(reason), took(exchange));
  }

  /** Instead of steps 3-6 when an earlier run recorded the result: only the move may be left. */
  void completeEarlier(Exchange exchange) {
    Message in = exchange.getMessage();
    Map<?, ?> claim = in.getHeader(CLAIM, Map.class);
    String status = String.valueOf(claim.get("status"));
    boolean rejected = "rejected".equals(status);
    in.setHeader(MOVED_TO, movedTo(in.getHeader(UPLOAD_KEY, String.class), rejected));
    moveOriginal(
        in,
        rejected,
        status,
        (String) claim.get("rejection_reason"),
        (String) claim.get("rejection_detail"));
    log.info(
        "Upload {} (ETag {}) was already {}: original moved, nothing published again",
        in.getHeader(UPLOAD_KEY),
        in.getHeader(ETAG),
        status);
    metrics.duplicate();
  }

  /** Error policy: remember the failure and hold the claim for a back-off before the retry. */
  void prepareFailureRecord(Exchange exchange) {
    Message in = exchange.getMessage();
    Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    Map<?, ?> claim = in.getHeader(CLAIM, Map.class);
    int attempts = claim == null ? 1 : ((Number) claim.get("attempts")).intValue();
    in.setHeader(LAST_ERROR, failure == null ? "unknown" : failure.toString());
    in.setHeader(
        RETRY_SECONDS, properties.ingestion().retryBackoff().toMillis() * attempts / 1000.0);
  }

  private void moveOriginal(
      Message in, boolean rejected, String status, String reason, String detail) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("ingestion-status", status);
    metadata.put("ingestion-id", String.valueOf(in.getHeader(INGESTION_ID)));
    if (rejected) {
      metadata.put("rejection-reason", reason);
      metadata.put("rejection-detail", detail == null ? "" : detail);
    }
    String detected = in.getHeader(DETECTED_TYPE, String.class);
    String contentType =
        detected == null
            ? in.getHeader(AWS2S3Constants.CONTENT_TYPE, "application/octet-stream", String.class)
            : ImageType.valueOf(detected.toUpperCase(java.util.Locale.ROOT)).contentType();
    store.moveOriginal(
        in.getHeader(UPLOAD_KEY, String.class),
        in.getHeader(ETAG, String.class),
        in.getHeader(MOVED_TO, String.class),
        contentType,
        metadata);
  }

  private static void lostClaim(Message in) {
    // Our claim expired and another replica took over; it records and moves. Publishing the same
    // content-hashed renditions twice did no harm.
    log.warn("Lost the claim on upload {} to another replica", in.getHeader(UPLOAD_KEY));
  }

  private static RejectionReason reasonOf(String label) {
    for (RejectionReason reason : RejectionReason.values()) {
      if (reason.label().equals(label)) {
        return reason;
      }
    }
    throw new IllegalArgumentException("Unknown rejection reason " + label);
  }

  private static Duration took(Exchange exchange) {
    Long started = exchange.getProperty(STARTED, Long.class);
    return Duration.ofNanos(started == null ? 0 : System.nanoTime() - started);
  }
}
