package com.silverjems.shop.catalog;

import java.util.List;

/**
 * A product photo as the image pipeline published it: renditions of several widths and formats
 * under immutable, content-hashed URLs (for a {@code srcset}).
 *
 * @param alt the text alternative for screen readers
 * @param width the photo's width in pixels as published (its aspect ratio with {@code height}, so
 *     that pages reserve the right box before it loads)
 * @param height the photo's height in pixels
 * @param renditions every size and format of the photo, smallest first
 */
public record ProductImage(String alt, int width, int height, List<Rendition> renditions) {

  /**
   * @param url absolute URL on the CDN
   * @param width pixels
   * @param format {@code jpeg} or {@code webp}
   */
  public record Rendition(String url, int width, String format) {}
}
