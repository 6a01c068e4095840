package com.silverjems.shop.admin;

import com.silverjems.shop.audit.AuditLog;
import com.silverjems.shop.shopper.CurrentShopper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for products, variants, prices and stock, and the audit log of those changes. Who made
 * a change is the request's principal (the admin's session once identity is in front).
 */
@RestController
@RequestMapping("/api/admin")
class AdminCatalogController {

  private final AdminCatalog catalog;
  private final AuditLog audit;

  AdminCatalogController(AdminCatalog catalog, AuditLog audit) {
    this.catalog = catalog;
    this.audit = audit;
  }

  @GetMapping("/products")
  List<AdminCatalog.Product> products(
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    return catalog.products(page, size);
  }

  @PostMapping("/products")
  ResponseEntity<AdminCatalog.Product> createProduct(
      @Valid @RequestBody AdminForms.ProductForm form, HttpServletRequest request) {
    AdminCatalog.Product created = catalog.createProduct(form, CurrentShopper.actor(request));
    return ResponseEntity.created(URI.create("/api/admin/products/" + created.slug()))
        .body(created);
  }

  @PutMapping("/products/{slug}")
  AdminCatalog.Product updateProduct(
      @PathVariable String slug,
      @Valid @RequestBody AdminForms.ProductForm form,
      HttpServletRequest request) {
    return catalog.updateProduct(slug, form, CurrentShopper.actor(request));
  }

  @PostMapping("/products/{slug}/variants")
  ResponseEntity<AdminCatalog.Variant> addVariant(
      @PathVariable String slug,
      @Valid @RequestBody AdminForms.VariantForm form,
      HttpServletRequest request) {
    AdminCatalog.Variant created = catalog.addVariant(slug, form, CurrentShopper.actor(request));
    return ResponseEntity.created(URI.create("/api/admin/variants/" + created.sku())).body(created);
  }

  @PutMapping("/variants/{sku}/price")
  AdminCatalog.Variant setPrice(
      @PathVariable String sku,
      @Valid @RequestBody AdminForms.PriceForm form,
      HttpServletRequest request) {
    return catalog.setPrice(sku, form, CurrentShopper.actor(request));
  }

  @PutMapping("/variants/{sku}/stock")
  AdminCatalog.Variant setStock(
      @PathVariable String sku,
      @Valid @RequestBody AdminForms.StockForm form,
      HttpServletRequest request) {
    return catalog.setStock(sku, form, CurrentShopper.actor(request));
  }

  /** Newest first; filter by entity type ({@code product}, {@code variant}, {@code order}). */
  @GetMapping("/audit-log")
  List<AuditLog.AuditEntry> auditLog(
      @RequestParam(required = false) String entityType,
      @RequestParam(required = false) String entityId,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    return audit.entries(entityType, entityId, page, size);
  }
}
