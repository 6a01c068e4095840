package com.silverjems.routes.images;

import java.util.Optional;

/** The image formats admins may upload, recognised by their first bytes, never by file name. */
enum ImageType {
  JPEG("jpeg", "image/jpeg"),
  PNG("png", "image/png"),
  WEBP("webp", "image/webp");

  /** How many leading bytes {@link #sniff} needs. */
  static final int MAGIC_LENGTH = 12;

  private final String formatName;
  private final String contentType;

  ImageType(String formatName, String contentType) {
    this.formatName = formatName;
    this.contentType = contentType;
  }

  /** The ImageIO format name, also the value stored in {@code image_ingestion.detected_type}. */
  String formatName() {
    return formatName;
  }

  String contentType() {
    return contentType;
  }

  /** The type the magic bytes announce, or empty for anything else (text, PDF, HEIC, GIF...). */
  static Optional<ImageType> sniff(byte[] head, int length) {
    if (length >= 3 && u(head[0]) == 0xFF && u(head[1]) == 0xD8 && u(head[2]) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (length >= 8
        && u(head[0]) == 0x89
        && head[1] == 'P'
        && head[2] == 'N'
        && head[3] == 'G'
        && head[4] == '\r'
        && head[5] == '\n'
        && head[6] == 0x1A
        && head[7] == '\n') {
      return Optional.of(PNG);
    }
    if (length >= 12
        && head[0] == 'R'
        && head[1] == 'I'
        && head[2] == 'F'
        && head[3] == 'F'
        && head[8] == 'W'
        && head[9] == 'E'
        && head[10] == 'B'
        && head[11] == 'P') {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  private static int u(byte b) {
    return b & 0xFF;
  }
}
