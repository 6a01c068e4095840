package com.silverjems.shop.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only catalogue for shoppers. Responses carry a strong {@code ETag} and a public {@code
 * Cache-Control} with {@code stale-if-error}, so CloudFront and browsers revalidate cheaply (304)
 * and CloudFront keeps serving the catalogue while the API is down.
 */
@RestController
@RequestMapping("/api")
class CatalogController {

  private final CatalogRepository catalog;
  private final CatalogCache cache;
  private final ProductImages images;
  private final ObjectMapper json;
  private final CacheControl cacheControl;

  CatalogController(
      CatalogRepository catalog,
      CatalogCache cache,
      ProductImages images,
      ObjectMapper json,
      CatalogProperties properties) {
    this.catalog = catalog;
    this.cache = cache;
    this.images = images;
    this.json = json;
    this.cacheControl =
        CacheControl.maxAge(properties.maxAge())
            .cachePublic()
            .staleWhileRevalidate(properties.staleWhileRevalidate())
            .staleIfError(properties.staleIfError());
  }

  // The handlers return pre-serialised JSON (cached bytes); the annotations tell OpenAPI its shape.
  @ApiResponse(
      responseCode = "200",
      content =
          @Content(
              mediaType = "application/json",
              array = @ArraySchema(schema = @Schema(implementation = CategoryView.class))))
  @GetMapping("/categories")
  ResponseEntity<byte[]> categories(
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    return respond(
        CachedJson.of(serialise(catalog.categories())), ifNoneMatch); // tiny: not worth Redis
  }

  /**
   * Published products, filtered, searched ({@code q}: words of the name or description) and
   * paginated ({@code page} from 0, {@code size} items a page). {@code variantSize} is the ring
   * size or chain length; metal, purity, variantSize, price range and inStock match products with
   * at least one variant meeting all of them.
   */
  @ApiResponse(
      responseCode = "200",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ProductPage.class)))
  @GetMapping("/products")
  ResponseEntity<byte[]> products(
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String metal,
      @RequestParam(required = false) String purity,
      @RequestParam(required = false) String variantSize,
      @RequestParam(required = false) Long minPrice,
      @RequestParam(required = false) Long maxPrice,
      @RequestParam(defaultValue = "false") boolean inStock,
      @RequestParam(required = false) String sort,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "24") int pageSize,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    ProductQuery query =
        new ProductQuery(
            category,
            q,
            metal,
            purity,
            variantSize,
            minPrice,
            maxPrice,
            inStock,
            ProductSort.parse(sort),
            PageRequest.of(page, pageSize));
    CachedJson response =
        cache.get(
            CatalogCache.Name.PRODUCT_LIST,
            query.cacheKey(),
            () -> CachedJson.of(serialise(withImages(catalog.products(query)))));
    return respond(response, ifNoneMatch);
  }

  /** One product with its variants and images. */
  @ApiResponse(
      responseCode = "200",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ProductDetail.class)))
  @GetMapping("/products/{slug}")
  ResponseEntity<byte[]> product(
      @PathVariable String slug,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    if (!slug.matches("[a-z0-9]+(-[a-z0-9]+)*") || slug.length() > 200) {
      throw new ProductNotFound(slug);
    }
    CachedJson response =
        cache.get(
            CatalogCache.Name.PRODUCT_DETAIL,
            slug,
            () -> {
              ProductDetail detail =
                  catalog.product(slug).orElseThrow(() -> new ProductNotFound(slug));
              List<ProductImage> photos = images.of(List.of(slug)).getOrDefault(slug, List.of());
              return CachedJson.of(
                  serialise(
                      new ProductDetail(
                          detail.slug(),
                          detail.name(),
                          detail.description(),
                          detail.category(),
                          detail.priceFromMinor(),
                          detail.currency(),
                          detail.inStock(),
                          detail.variants(),
                          photos)));
            });
    return respond(response, ifNoneMatch);
  }

  private ProductPage withImages(ProductPage page) {
    if (page.items().isEmpty()) {
      return page;
    }
    Map<String, List<ProductImage>> photos =
        images.of(page.items().stream().map(ProductSummary::slug).toList());
    if (photos.isEmpty()) {
      return page;
    }
    return new ProductPage(
        page.items().stream()
            .map(
                item -> {
                  List<ProductImage> mine = photos.getOrDefault(item.slug(), List.of());
                  return mine.isEmpty() ? item : item.withImage(mine.get(0));
                })
            .toList(),
        page.page(),
        page.size(),
        page.totalItems());
  }

  private ResponseEntity<byte[]> respond(CachedJson response, String ifNoneMatch) {
    if (matches(ifNoneMatch, response.etag())) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
          .eTag(response.etag())
          .cacheControl(cacheControl)
          .build();
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .eTag(response.etag())
        .cacheControl(cacheControl)
        .body(response.body());
  }

  /** RFC 9110 weak comparison, as If-None-Match requires: W/"x" matches "x". */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  private byte[] serialise(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise catalogue response", e);
    }
  }
}
