package com.silverjems.shop.admin;

import com.silverjems.shop.audit.AuditLog;
import com.silverjems.shop.catalog.CatalogChanged;
import com.silverjems.shop.stock.StockLedger;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The write side of the catalogue. Every change locks the row it edits, records who changed what
 * (before and after) in the audit log in the same transaction, and announces itself so cached
 * catalogue responses are dropped once it has committed. Variants, their prices and their stock are
 * written by the {@link StockLedger}, the one writer of {@code product_variant}.
 */
@Component
class AdminCatalog {

  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final StockLedger stock;

  AdminCatalog(
      JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, StockLedger stock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.events = events;
    this.stock = stock;
  }

  /** A product as the admin sees it, published or not, with stock. */
  record Product(
      String slug,
      String name,
      String description,
      String category,
      boolean published,
      List<Variant> variants) {}

  record Variant(
      String sku,
      String metal,
      String purity,
      String size,
      BigDecimal weightGrams,
      long priceMinor,
      String currency,
      int stock) {}

  @Transactional(readOnly = true)
  List<Product> products(int page, int size) {
    return jdbc
        .sql(
            "SELECT p.slug FROM product p JOIN category c ON c.id = p.category_id"
                + " ORDER BY c.position, p.name LIMIT :limit OFFSET :offset")
        .param("limit", size)
        .param("offset", (long) page * size)
        .query(String.class)
        .list()
        .stream()
        .map(slug -> product(slug).orElseThrow())
        .toList();
  }

  @Transactional
  Product createProduct(AdminForms.ProductForm form, String actor) {
    long category = categoryId(form.category());
    try {
      jdbc.sql(
              """
              INSERT INTO product (slug, name, description, category_id, published)
              VALUES (:slug, :name, :description, :category, :published)
              """)
          .param("slug", form.slug())
          .param("name", form.name().strip())
          .param("description", form.description() == null ? "" : form.description().strip())
          .param("category", category)
          .param("published", form.published())
          .update();
    } catch (DuplicateKeyException e) {
      throw new AdminProblems.AlreadyExists("A product with slug " + form.slug() + " exists");
    }
    Product created = product(form.slug()).orElseThrow();
    audit.record(actor, "product.created", "product", form.slug(), null, created);
    events.publishEvent(new CatalogChanged(form.slug()));
    return created;
  }

  /** Renames, re-describes, re-categorises or (un)publishes a product; the slug stays. */
  @Transactional
  Product updateProduct(String slug, AdminForms.ProductForm form, String actor) {
    Product before = lockProduct(slug);
    long category = categoryId(form.category());
    jdbc.sql(
            """
            UPDATE product SET name = :name, description = :description, category_id = :category,
                published = :published, updated_at = now()
            WHERE slug = :slug
            """)
        .param("name", form.name().strip())
        .param("description", form.description() == null ? "" : form.description().strip())
        .param("category", category)
        .param("published", form.published())
        .param("slug", slug)
        .update();
    Product after = product(slug).orElseThrow();
    audit.record(actor, "product.updated", "product", slug, before, after);
    events.publishEvent(new CatalogChanged(slug));
    return after;
  }

  @Transactional
  Variant addVariant(String slug, AdminForms.VariantForm form, String actor) {
    lockProduct(slug);
    try {
      stock.addVariant(
          slug,
          new StockLedger.NewVariant(
              form.sku(),
              form.metal().strip(),
              form.purity().strip(),
              form.size() == null || form.size().isBlank() ? null : form.size().strip(),
              form.weightGrams(),
              form.priceMinor(),
              form.currency(),
              form.stock()));
    } catch (DuplicateKeyException e) {
      throw new AdminProblems.AlreadyExists(
          "SKU " + form.sku() + " or this metal, purity and size of " + slug + " exists");
    }
    Variant created = variant(form.sku(), false).orElseThrow();
    audit.record(actor, "variant.created", "variant", form.sku(), null, created);
    events.publishEvent(new CatalogChanged(slug));
    return created;
  }

  @Transactional
  Variant setPrice(String sku, AdminForms.PriceForm form, String actor) {
    Variant before = variant(sku, true).orElseThrow(() -> new AdminProblems.NoSuchVariant(sku));
    stock.reprice(sku, form.priceMinor(), form.currency());
    return changed(sku, "variant.price-set", before, actor);
  }

  /** Sets the stock on the shelf (after a count, a delivery from the workshop, ...). */
  @Transactional
  Variant setStock(String sku, AdminForms.StockForm form, String actor) {
    Variant before = variant(sku, true).orElseThrow(() -> new AdminProblems.NoSuchVariant(sku));
    stock.count(sku, form.stock());
    return changed(sku, "variant.stock-set", before, actor);
  }

  private Variant changed(String sku, String action, Variant before, String actor) {
    Variant after = variant(sku, false).orElseThrow();
    audit.record(actor, action, "variant", sku, before, after);
    events.publishEvent(
        new CatalogChanged(
            jdbc.sql(
                    "SELECT p.slug FROM product p JOIN product_variant v ON v.product_id = p.id"
                        + " WHERE v.sku = :sku")
                .param("sku", sku)
                .query(String.class)
                .single()));
    return after;
  }

  private Product lockProduct(String slug) {
    jdbc.sql("SELECT id FROM product WHERE slug = :slug FOR UPDATE")
        .param("slug", slug)
        .query(Long.class)
        .optional()
        .orElseThrow(() -> new AdminProblems.NoSuchProduct(slug));
    return product(slug).orElseThrow();
  }

  private Optional<Product> product(String slug) {
    record Head(
        long id,
        String slug,
        String name,
        String description,
        String category,
        boolean published) {}
    return jdbc.sql(
            """
            SELECT p.id, p.slug, p.name, p.description, c.slug AS category, p.published
            FROM product p JOIN category c ON c.id = p.category_id WHERE p.slug = :slug
            """)
        .param("slug", slug)
        .query(Head.class)
        .optional()
        .map(
            head ->
                new Product(
                    head.slug(),
                    head.name(),
                    head.description(),
                    head.category(),
                    head.published(),
                    jdbc.sql(
                            """
                            SELECT sku, metal, purity, size, weight_grams, price_minor, currency,
                                   stock
                            FROM product_variant WHERE product_id = :id ORDER BY sku
                            """)
                        .param("id", head.id())
                        .query(Variant.class)
                        .list()));
  }

  private Optional<Variant> variant(String sku, boolean lock) {
    return jdbc.sql(
            "SELECT sku, metal, purity, size, weight_grams, price_minor, currency, stock"
                + " FROM product_variant WHERE sku = :sku"
                + (lock ? " FOR UPDATE" : ""))
        .param("sku", sku)
        .query(Variant.class)
        .optional();
  }

  private long categoryId(String slug) {
    return jdbc.sql("SELECT id FROM category WHERE slug = :slug")
        .param("slug", slug)
        .query(Long.class)
        .optional()
        .orElseThrow(() -> new AdminProblems.NoSuchCategory(slug));
  }
}
