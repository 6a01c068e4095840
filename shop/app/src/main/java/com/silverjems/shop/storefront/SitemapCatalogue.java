package com.silverjems.shop.storefront;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the sitemap lists: every category and every published product, at its clean address. */
@Component
class SitemapCatalogue {

  private final JdbcClient jdbc;

  SitemapCatalogue(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A page and when it last changed (a category: its newest published product; null: never). */
  record Entry(String path, OffsetDateTime lastModified) {}

  List<Entry> sitemapEntries() {
    return jdbc.sql(
            """
            SELECT '/category?slug=' || c.slug AS path, max(p.updated_at) AS last_modified,
                   0 AS kind, c.position AS position, c.slug AS slug
            FROM category c LEFT JOIN product p ON p.category_id = c.id AND p.published
            GROUP BY c.id
            UNION ALL
            SELECT '/product?slug=' || p.slug, p.updated_at, 1, 0, p.slug
            FROM product p WHERE p.published
            ORDER BY kind, position, slug
            """)
        .query(
            (row, n) ->
                new Entry(
                    row.getString("path"), row.getObject("last_modified", OffsetDateTime.class)))
        .list();
  }
}
