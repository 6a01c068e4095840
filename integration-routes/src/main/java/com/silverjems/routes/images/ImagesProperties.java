package com.silverjems.routes.images;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the image ingestion group ({@code routes.groups} contains {@code images}). The two
 * buckets have no default: production takes them from the environment and the local run from {@code
 * LocalS3}; {@link #requireComplete()} fails start-up with the variable to set.
 *
 * @param uploadBucket where admins upload originals ({@code IMAGES_UPLOAD_BUCKET})
 * @param publicBucket the CDN origin the renditions go to ({@code IMAGES_PUBLIC_BUCKET})
 * @param incomingPrefix where new uploads land: {@code incoming/<product id>/<file name>}
 * @param processedPrefix where originals go once published
 * @param rejectedPrefix where refused originals go, the reason in their metadata
 * @param renditionPrefix key prefix of renditions in the public bucket: {@code images/}, the only
 *     prefix infra lets the images task write there (ComponentService, WriteRenditions) and served
 *     by CloudFront at the site's {@code /images/}
 */
@ConfigurationProperties("images")
record ImagesProperties(
    String uploadBucket,
    String publicBucket,
    @DefaultValue("incoming/") String incomingPrefix,
    @DefaultValue("processed/") String processedPrefix,
    @DefaultValue("rejected/") String rejectedPrefix,
    @DefaultValue("images/") String renditionPrefix,
    @DefaultValue Limits limits,
    @DefaultValue Renditions renditions,
    @DefaultValue Ingestion ingestion,
    @DefaultValue S3 s3) {

  /** Fails with one actionable line when a setting without default is missing. */
  ImagesProperties requireComplete() {
    List<String> missing = new ArrayList<>();
    if (uploadBucket == null || uploadBucket.isBlank()) {
      missing.add("images.upload-bucket (IMAGES_UPLOAD_BUCKET)");
    }
    if (publicBucket == null || publicBucket.isBlank()) {
      missing.add("images.public-bucket (IMAGES_PUBLIC_BUCKET)");
    }
    if (s3.region() == null || s3.region().isBlank()) {
      missing.add("images.s3.region (AWS_REGION)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The images route group is enabled (routes.groups, ROUTES_GROUPS) but not configured:"
              + " set "
              + String.join(", ", missing));
    }
    return this;
  }

  /**
   * What an upload may be. Pixel limits are checked from the header, before any pixel is decoded.
   *
   * @param maxBytes largest original accepted
   * @param maxPixels largest width × height accepted (a 20000×20000 bomb is 400 M)
   * @param maxSide longest side accepted
   * @param decodeBudgetPixels most pixels held decoded at once; larger originals are decoded
   *     subsampled (every n-th pixel), which bounds memory whatever the upload's size
   */
  record Limits(
      @DefaultValue("40MB") DataSize maxBytes,
      @DefaultValue("100000000") long maxPixels,
      @DefaultValue("16384") int maxSide,
      @DefaultValue("16000000") long decodeBudgetPixels) {}

  /**
   * What is published for each image.
   *
   * @param widths rendition widths in pixels (never upscaled: a narrower original gets its own
   *     width instead of the larger ones)
   * @param jpegQuality 0..1; 0.85 keeps the fine detail of metal and stones without halos
   * @param cacheControl sent with every rendition: keys are content-hashed, so never stale
   * @param formats what each width is written as: {@code jpeg} (every browser) and {@code webp}
   *     (about a third smaller, offered first in the storefront's {@code <picture>})
   * @param webpQuality 0..1 for lossy WebP; 0.8 looks like JPEG at 0.85
   */
  record Renditions(
      @DefaultValue({"320", "800", "1600"}) List<Integer> widths,
      @DefaultValue("0.85") float jpegQuality,
      @DefaultValue("public, max-age=31536000, immutable") String cacheControl,
      @DefaultValue({"jpeg", "webp"}) List<String> formats,
      @DefaultValue("0.8") float webpQuality) {

    static final List<String> SUPPORTED_FORMATS = List.of("jpeg", "webp");

    Renditions {
      widths = widths.stream().sorted().distinct().toList();
      if (widths.isEmpty() || widths.get(0) < 1) {
        throw new IllegalArgumentException("images.renditions.widths must list positive widths");
      }
      if (jpegQuality <= 0 || jpegQuality > 1) {
        throw new IllegalArgumentException("images.renditions.jpeg-quality must be in (0, 1]");
      }
      formats = formats.stream().distinct().toList();
      if (formats.isEmpty() || !SUPPORTED_FORMATS.containsAll(formats)) {
        throw new IllegalArgumentException(
            "images.renditions.formats must list some of " + SUPPORTED_FORMATS + ": " + formats);
      }
      if (webpQuality <= 0 || webpQuality > 1) {
        throw new IllegalArgumentException("images.renditions.webp-quality must be in (0, 1]");
      }
    }
  }

  /**
   * How uploads are picked up.
   *
   * @param pollDelay pause between two listings of {@code incoming/}
   * @param maxPerPoll objects taken per listing
   * @param claimLease how long a replica owns an object it started on; another replica takes over
   *     after that (the owner crashed)
   * @param retryBackoff wait before retrying after an unexpected failure, times the attempt count
   * @param maxAttempts attempts before an upload is rejected as processing_failed
   */
  record Ingestion(
      @DefaultValue("2s") Duration pollDelay,
      @DefaultValue("10") int maxPerPoll,
      @DefaultValue("5m") Duration claimLease,
      @DefaultValue("30s") Duration retryBackoff,
      @DefaultValue("5") int maxAttempts) {}

  /**
   * The S3 client. In AWS only the region is set (credentials from the task role); the local run
   * and tests point it at S3Proxy.
   *
   * @param endpoint S3-compatible endpoint, unset for AWS
   * @param pathStyle bucket in the path rather than the host name (S3Proxy)
   * @param accessKey static credentials, unset for the default AWS credential chain
   */
  record S3(String region, URI endpoint, boolean pathStyle, String accessKey, String secretKey) {}
}
