package com.silverjems.routes.images;

import com.silverjems.routes.images.ImageProcessor.Rendition;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The two buckets: renditions out to the public one, originals moved within the upload one. */
final class ImageStore {

  private static final Logger log = LoggerFactory.getLogger(ImageStore.class);

  private final S3Client s3;
  private final ImagesProperties properties;

  ImageStore(S3Client s3, ImagesProperties properties) {
    this.s3 = s3;
    this.properties = properties;
  }

  /**
   * The public key of a rendition: named by its content, so a key never changes meaning and can be
   * cached forever; writing it twice (a retry) writes the same bytes.
   */
  String renditionKey(long productId, Rendition rendition) {
    return properties.renditionPrefix()
        + productId
        + "/"
        + rendition.sha256().substring(0, 32)
        + "-"
        + rendition.width()
        + "w."
        + ("jpeg".equals(rendition.format()) ? "jpg" : rendition.format());
  }

  void publish(String key, Rendition rendition) {
    s3.putObject(
        PutObjectRequest.builder()
            .bucket(properties.publicBucket())
            .key(key)
            .contentType(rendition.contentType())
            .cacheControl(properties.renditions().cacheControl())
            .build(),
        RequestBody.fromBytes(rendition.bytes()));
  }

  /**
   * Moves the original we processed (that ETag, not a newer upload under the same key) to {@code
   * target}, with {@code metadata} for the admin. Safe to repeat: when another replica moved it
   * first, there is nothing left to do.
   */
  void moveOriginal(
      String key, String etag, String target, String contentType, Map<String, String> metadata) {
    try {
      s3.copyObject(
          CopyObjectRequest.builder()
              .sourceBucket(properties.uploadBucket())
              .sourceKey(key)
              .copySourceIfMatch(etag)
              .destinationBucket(properties.uploadBucket())
              .destinationKey(target)
              .metadataDirective(MetadataDirective.REPLACE)
              .contentType(contentType)
              .metadata(asciiOnly(metadata))
              .build());
    } catch (NoSuchKeyException gone) {
      log.info("Upload {} was already moved to {}", key, target);
      return;
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        // The admin uploaded a new version under the same key meanwhile: leave it for its own turn.
        log.info("Upload {} changed since it was processed; the new version stays in place", key);
        return;
      }
      if (e.statusCode() == 404) {
        log.info("Upload {} was already moved to {}", key, target);
        return;
      }
      throw e;
    }
    s3.deleteObject(b -> b.bucket(properties.uploadBucket()).key(key));
  }

  /** Whether both buckets answer: the readiness of the group. */
  void checkBuckets() {
    s3.headBucket(b -> b.bucket(properties.uploadBucket()));
    s3.headBucket(b -> b.bucket(properties.publicBucket()));
  }

  /** S3 user metadata travels as HTTP headers: US-ASCII only, and kept short. */
  private static Map<String, String> asciiOnly(Map<String, String> metadata) {
    return metadata.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> {
                  String value = e.getValue().replaceAll("[^\\x20-\\x7E]", "?");
                  return value.length() > 512 ? value.substring(0, 512) : value;
                }));
  }
}
