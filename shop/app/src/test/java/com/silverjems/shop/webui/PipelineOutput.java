package com.silverjems.shop.webui;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes what the image pipeline (integration-routes) records when it publishes or refuses an
 * upload, in its tables (CONTRIBUTING.md, "Product images"), with renditions that this module's
 * test resources serve: the shop's side of that contract, without running the pipeline here.
 */
final class PipelineOutput {

  static final List<Integer> WIDTHS = List.of(320, 800, 1600);

  private final JdbcClient jdbc;

  PipelineOutput(RunningShop shop) {
    this(shop.database());
  }

  PipelineOutput(com.silverjems.testsupport.TestPostgres.Database database) {
    this.jdbc = JdbcClient.create(database.dataSource());
  }

  long productId(String slug) {
    return jdbc.sql("SELECT id FROM product WHERE slug = :slug")
        .param("slug", slug)
        .query(Long.class)
        .single();
  }

  /**
   * The pipeline published {@code uploadKey} as a photo of {@code slug}, at the end of its list.
   */
  void published(String slug, String uploadKey, String renditionName) {
    long product = productId(slug);
    long ingestion =
        jdbc.sql(
                """
                INSERT INTO image_ingestion (upload_key, etag, product_id, status, detected_type,
                                             size_bytes, original_moved_to, finished_at)
                VALUES (:key, :etag, :product, 'processed', 'image/jpeg', 65440,
                        'processed/' || :key, now())
                ON CONFLICT (upload_key, etag) DO UPDATE SET status = 'processed', finished_at = now()
                RETURNING id
                """)
            .param("key", uploadKey)
            .param("etag", "etag-" + uploadKey.hashCode())
            .param("product", product)
            .query(Long.class)
            .single();
    long image =
        jdbc.sql(
                """
                INSERT INTO product_image (product_id, ingestion_id, position, source_sha256,
                                           width, height)
                VALUES (:product, :ingestion,
                        (SELECT count(*) FROM product_image WHERE product_id = :product),
                        :sha, 1600, 1600)
                RETURNING id
                """)
            .param("product", product)
            .param("ingestion", ingestion)
            .param(
                "sha",
                HexFormat.of().formatHex(new byte[16])
                    + UUID.randomUUID().toString().replace("-", ""))
            .query(Long.class)
            .single();
    for (int width : WIDTHS) {
      jdbc.sql(
              """
              INSERT INTO product_image_rendition (image_id, format, content_type, width, height,
                                                   size_bytes, object_key)
              VALUES (:image, 'jpeg', 'image/jpeg', :width, :width, 1000, :key)
              """)
          .param("image", image)
          .param("width", width)
          .param("key", "test-renditions/" + renditionName + "-" + width + ".jpg")
          .update();
    }
  }

  /** The pipeline refused {@code uploadKey}, with its machine reason and a sentence for people. */
  void rejected(String slug, String uploadKey, String reason, String detail) {
    jdbc.sql(
            """
            INSERT INTO image_ingestion (upload_key, etag, product_id, status, rejection_reason,
                                         rejection_detail, original_moved_to, finished_at)
            VALUES (:key, 'etag-rejected', :product, 'rejected', :reason, :detail,
                    'rejected/' || :key, now())
            """)
        .param("key", uploadKey)
        .param("product", productId(slug))
        .param("reason", reason)
        .param("detail", detail)
        .update();
  }
}
