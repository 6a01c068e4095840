package com.silverjems.shop.catalog;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CatalogRepository {

  private final JdbcClient jdbc;

  CatalogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<CategoryView> categories() {
    return jdbc.sql("SELECT slug, name FROM category ORDER BY position, name")
        .query(CategoryView.class)
        .list();
  }

  ProductPage products(String categorySlug, PageRequest page) {
    List<ProductSummary> items =
        jdbc.sql(
                """
                SELECT p.slug, p.name, c.slug AS category,
                       min(v.price_minor) AS price_from_minor, min(v.currency) AS currency,
                       bool_or(v.stock > 0) AS in_stock
                FROM product p
                JOIN category c ON c.id = p.category_id
                JOIN product_variant v ON v.product_id = p.id
                WHERE p.published AND (CAST(:category AS TEXT) IS NULL OR c.slug = :category)
                GROUP BY p.id, c.slug, c.position
                ORDER BY c.position, p.name
                LIMIT :limit OFFSET :offset
                """)
            .param("category", categorySlug)
            .param("limit", page.size())
            .param("offset", page.offset())
            .query(ProductSummary.class)
            .list();
    long total =
        jdbc.sql(
                """
                SELECT count(*) FROM product p JOIN category c ON c.id = p.category_id
                WHERE p.published AND (CAST(:category AS TEXT) IS NULL OR c.slug = :category)
                """)
            .param("category", categorySlug)
            .query(Long.class)
            .single();
    return new ProductPage(items, page.page(), page.size(), total);
  }
}
