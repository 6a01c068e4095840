package com.silverjems.routes.images;

/**
 * Why an upload was refused. The label is what the admin sees, what the original carries as S3
 * metadata and the {@code reason} of {@code silverjems_images_rejected_total}.
 */
enum RejectionReason {
  /** Not a JPEG, PNG or WebP by its magic bytes, whatever its name says. */
  UNSUPPORTED_TYPE("unsupported_type"),
  /** More bytes than {@code images.max-bytes}. */
  TOO_LARGE("too_large"),
  /**
   * Dimensions beyond {@code images.max-pixels} or {@code images.max-side}: a decompression bomb.
   */
  TOO_MANY_PIXELS("too_many_pixels"),
  /** Truncated or damaged: the decoder failed or warned. */
  CORRUPT("corrupt"),
  /** The key does not name an existing product ({@code incoming/<product id>/<file name>}). */
  UNKNOWN_PRODUCT("unknown_product"),
  /** Failed for an unexpected reason on every attempt; the detail holds the last error. */
  PROCESSING_FAILED("processing_failed");

  private final String label;

  RejectionReason(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
