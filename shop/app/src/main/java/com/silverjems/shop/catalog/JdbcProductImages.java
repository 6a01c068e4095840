package com.silverjems.shop.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Product photos as the image pipeline records them ({@code product_image}, {@code
 * product_image_rendition}, see CONTRIBUTING): URLs are the images base URL (the CDN) plus the
 * rendition's immutable, content-hashed object key, so moving the bucket or the CDN never touches
 * the rows.
 */
@Component
class JdbcProductImages implements ProductImages {

  private final JdbcClient jdbc;
  private final String baseUrl;

  JdbcProductImages(JdbcClient jdbc, CatalogProperties properties) {
    this.jdbc = jdbc;
    String base = properties.imagesBaseUrl().toString();
    this.baseUrl = base.endsWith("/") ? base : base + "/";
  }

  @Override
  public Map<String, List<ProductImage>> of(Collection<String> productSlugs) {
    if (productSlugs.isEmpty()) {
      return Map.of();
    }
    record Row(
        String slug,
        String name,
        long imageId,
        int imageWidth,
        int imageHeight,
        String format,
        int width,
        String objectKey) {}
    List<Row> rows =
        jdbc.sql(
                """
                SELECT p.slug, p.name, i.id AS image_id, i.width AS image_width,
                       i.height AS image_height, r.format, r.width, r.object_key
                FROM product p
                JOIN product_image i ON i.product_id = p.id
                JOIN product_image_rendition r ON r.image_id = i.id
                WHERE p.slug IN (:slugs)
                ORDER BY p.slug, i.position, i.id, r.format, r.width
                """)
            .param("slugs", List.copyOf(productSlugs))
            .query(Row.class)
            .list();
    Map<String, Map<Long, List<ProductImage.Rendition>>> byProduct = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    Map<Long, Row> imageRows = new LinkedHashMap<>();
    for (Row row : rows) {
      names.put(row.slug(), row.name());
      imageRows.putIfAbsent(row.imageId(), row);
      byProduct
          .computeIfAbsent(row.slug(), slug -> new LinkedHashMap<>())
          .computeIfAbsent(row.imageId(), id -> new ArrayList<>())
          .add(new ProductImage.Rendition(baseUrl + row.objectKey(), row.width(), row.format()));
    }
    Map<String, List<ProductImage>> images = new LinkedHashMap<>();
    // No alt text is recorded per photo yet; the product's name is the honest fallback.
    byProduct.forEach(
        (slug, photos) ->
            images.put(
                slug,
                photos.entrySet().stream()
                    .map(
                        photo ->
                            new ProductImage(
                                names.get(slug),
                                imageRows.get(photo.getKey()).imageWidth(),
                                imageRows.get(photo.getKey()).imageHeight(),
                                photo.getValue()))
                    .toList()));
    return images;
  }
}
