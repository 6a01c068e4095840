package com.silverjems.shop.images;

/**
 * The type of an upload from its first bytes, so an obviously wrong file (a PDF, a renamed text
 * file) is refused at once; the pipeline checks again, thoroughly, before publishing anything.
 */
final class PhotoType {

  private PhotoType() {}

  /** {@code image/jpeg}, {@code image/png}, {@code image/webp}, or null for anything else. */
  static String of(byte[] head) {
    if (head.length >= 3
        && (head[0] & 0xff) == 0xff
        && (head[1] & 0xff) == 0xd8
        && (head[2] & 0xff) == 0xff) {
      return "image/jpeg";
    }
    if (head.length >= 8
        && (head[0] & 0xff) == 0x89
        && head[1] == 'P'
        && head[2] == 'N'
        && head[3] == 'G'
        && head[4] == 0x0d
        && head[5] == 0x0a
        && head[6] == 0x1a
        && head[7] == 0x0a) {
      return "image/png";
    }
    if (head.length >= 12
        && head[0] == 'R'
        && head[1] == 'I'
        && head[2] == 'F'
        && head[3] == 'F'
        && head[8] == 'W'
        && head[9] == 'E'
        && head[10] == 'B'
        && head[11] == 'P') {
      return "image/webp";
    }
    return null;
  }
}
