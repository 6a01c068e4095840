package com.silverjems.shop.images;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The local run's first start: photos of every demo product go through the same path as an admin's
 * upload (the admin API's {@link ImageUploads}: checks, the upload bucket's {@code incoming/}, the
 * audit log), then the hub's images route publishes their renditions and the catalogue lists them.
 * A product that has had any upload (published, refused or still waiting) is left alone, so a
 * restart never adds a second set and an admin's own photos are never mixed with these.
 */
public final class DemoPhotoUploads {

  static final String ACTOR = "local-run-demo-photos";

  private DemoPhotoUploads() {}

  /** Uploads the photos of each demo product that has none; answers how many were uploaded. */
  public static int uploadMissing(ApplicationContext shop) {
    return uploadMissing(shop, DemoPhotos.PRODUCTS);
  }

  /** The same for some of them. */
  public static int uploadMissing(ApplicationContext shop, List<String> products) {
    int size = DemoPhotos.SIZE;
    ImageUploads uploads = shop.getBean(ImageUploads.class);
    JdbcClient jdbc = shop.getBean(JdbcClient.class);
    List<String> untouched =
        products.stream().filter(slug -> untouched(jdbc, uploads, slug)).toList();
    int uploaded = 0;
    // Angle by angle, a second apart: upload keys start with their second, the route takes them
    // in key order, and so each product's gallery comes out front, tilted, detail.
    for (String angle : DemoPhotos.ANGLES) {
      if (uploaded > 0) {
        pause();
      }
      for (String slug : untouched) {
        byte[] jpeg = DemoPhotos.jpeg(slug, angle, size);
        uploads.upload(
            slug,
            slug + "-" + angle + ".jpg",
            jpeg.length,
            () -> new ByteArrayInputStream(jpeg),
            ACTOR);
        uploaded++;
      }
    }
    return uploaded;
  }

  private static boolean untouched(JdbcClient jdbc, ImageUploads uploads, String slug) {
    boolean nothingRecorded =
        jdbc.sql(
                """
                SELECT p.id FROM product p
                WHERE p.slug = :slug
                  AND NOT EXISTS (SELECT 1 FROM image_ingestion i WHERE i.product_id = p.id)
                  AND NOT EXISTS (SELECT 1 FROM product_image i WHERE i.product_id = p.id)
                """)
            .param("slug", slug)
            .query(Long.class)
            .optional()
            .isPresent();
    // Waiting uploads are only in the bucket: a restart before the route took them.
    return nothingRecorded && uploads.photos(slug).uploads().isEmpty();
  }

  private static void pause() {
    try {
      Thread.sleep(1_100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while uploading the demo photos", e);
    }
  }
}
