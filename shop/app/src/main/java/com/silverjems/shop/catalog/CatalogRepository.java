package com.silverjems.shop.catalog;

import java.util.List;
import java.util.Optional;
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

  ProductPage products(ProductQuery query) {
    // Filters are fixed SQL fragments chosen by which parameters are present; values are always
    // bound, never concatenated.
    StringBuilder where =
        new StringBuilder(
            " FROM product p JOIN category c ON c.id = p.category_id WHERE p.published");
    if (query.category() != null) {
      where.append(" AND c.slug = :category");
    }
    if (query.text() != null) {
      where.append(
          " AND (p.search @@ websearch_to_tsquery('english', :text)"
              + " OR p.name ILIKE '%' || :textLike || '%' ESCAPE '\\')");
    }
    if (query.filtersVariants()) {
      where.append(" AND EXISTS (SELECT 1 FROM product_variant f WHERE f.product_id = p.id");
      if (query.metal() != null) {
        where.append(" AND f.metal = :metal");
      }
      if (query.purity() != null) {
        where.append(" AND f.purity = :purity");
      }
      if (query.size() != null) {
        where.append(" AND f.size = :size");
      }
      if (query.minPriceMinor() != null) {
        where.append(" AND f.price_minor >= :minPrice");
      }
      if (query.maxPriceMinor() != null) {
        where.append(" AND f.price_minor <= :maxPrice");
      }
      if (query.inStockOnly()) {
        where.append(" AND f.stock > 0");
      }
      where.append(")");
    }
    String select =
        """
        SELECT p.slug, p.name, c.slug AS category,
               (SELECT min(v.price_minor) FROM product_variant v WHERE v.product_id = p.id)
                   AS price_from_minor,
               (SELECT min(v.currency) FROM product_variant v WHERE v.product_id = p.id)
                   AS currency,
               EXISTS (SELECT 1 FROM product_variant v WHERE v.product_id = p.id AND v.stock > 0)
                   AS in_stock
        """;
    // A product without variants cannot be sold, so it is never listed.
    String hasVariants = " AND EXISTS (SELECT 1 FROM product_variant v WHERE v.product_id = p.id)";
    String sql =
        select
            + where
            + hasVariants
            + " ORDER BY "
            + query.sort().orderBy
            + " LIMIT :limit OFFSET :offset";
    List<ProductSummary> items =
        bind(jdbc.sql(sql), query)
            .param("limit", query.page().size())
            .param("offset", query.page().offset())
            .query(
                (row, n) ->
                    new ProductSummary(
                        row.getString("slug"),
                        row.getString("name"),
                        row.getString("category"),
                        row.getLong("price_from_minor"),
                        row.getString("currency"),
                        row.getBoolean("in_stock"),
                        null))
            .list();
    long total =
        bind(jdbc.sql("SELECT count(*)" + where + hasVariants), query).query(Long.class).single();
    return new ProductPage(items, query.page().page(), query.page().size(), total);
  }

  private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, ProductQuery query) {
    if (query.category() != null) {
      spec = spec.param("category", query.category());
    }
    if (query.text() != null) {
      spec =
          spec.param("text", query.text())
              .param("textLike", query.text().replaceAll("([\\\\%_])", "\\\\$1"));
    }
    if (query.metal() != null) {
      spec = spec.param("metal", query.metal());
    }
    if (query.purity() != null) {
      spec = spec.param("purity", query.purity());
    }
    if (query.size() != null) {
      spec = spec.param("size", query.size());
    }
    if (query.minPriceMinor() != null) {
      spec = spec.param("minPrice", query.minPriceMinor());
    }
    if (query.maxPriceMinor() != null) {
      spec = spec.param("maxPrice", query.maxPriceMinor());
    }
    return spec;
  }

  Optional<ProductDetail> product(String slug) {
    record Head(
        long id, String slug, String name, String description, String cslug, String cname) {}
    Optional<Head> head =
        jdbc.sql(
                """
                SELECT p.id, p.slug, p.name, p.description, c.slug AS cslug, c.name AS cname
                FROM product p JOIN category c ON c.id = p.category_id
                WHERE p.slug = :slug AND p.published
                """)
            .param("slug", slug)
            .query(Head.class)
            .optional();
    if (head.isEmpty()) {
      return Optional.empty();
    }
    List<ProductDetail.Variant> variants =
        jdbc.sql(
                """
                SELECT sku, metal, purity, size, weight_grams, price_minor, currency,
                       stock > 0 AS in_stock
                FROM product_variant WHERE product_id = :id
                ORDER BY price_minor, length(coalesce(size, '')), size, sku
                """)
            .param("id", head.get().id())
            .query(ProductDetail.Variant.class)
            .list();
    if (variants.isEmpty()) {
      return Optional.empty();
    }
    Head h = head.get();
    return Optional.of(
        new ProductDetail(
            h.slug(),
            h.name(),
            h.description(),
            new CategoryView(h.cslug(), h.cname()),
            variants.stream().mapToLong(ProductDetail.Variant::priceMinor).min().orElseThrow(),
            variants.get(0).currency(),
            variants.stream().anyMatch(ProductDetail.Variant::inStock),
            variants,
            List.of()));
  }
}
