package com.silverjems.shop.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.silverjems.shop.ShopIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The shopper's catalogue on the demo data: filters, search, pages, detail and HTTP caching. */
class CatalogIT extends ShopIntegrationTest {

  @Test
  void filtersByCategoryVariantAttributesAndPrice() {
    assertThat(slugs("/api/products?category=rings"))
        .containsExactly("hammered-band-ring", "moonstone-signet-ring", "twisted-rope-ring");
    assertThat(slugs("/api/products?category=necklaces&variantSize=16in"))
        .containsExactly("pebble-pendant-necklace");
    assertThat(slugs("/api/products?category=necklaces&variantSize=18in"))
        .containsExactly("fine-curb-chain", "pebble-pendant-necklace");
    assertThat(slugs("/api/products?category=rings&minPrice=5000"))
        .containsExactly("hammered-band-ring", "moonstone-signet-ring");
    assertThat(slugs("/api/products?category=rings&maxPrice=4000"))
        .containsExactly("twisted-rope-ring");
    assertThat(slugs("/api/products?metal=gold")).isEmpty();
    assertThat(slugs("/api/products?category=earrings&purity=925"))
        .containsExactly("droplet-stud-earrings", "hoop-earrings-20mm");
  }

  @Test
  void inStockOnlyLeavesOutVariantsThatSoldOut() {
    // The twisted rope ring's size O is sold out, the others are not.
    assertThat(slugs("/api/products?category=rings&variantSize=O"))
        .containsExactly("twisted-rope-ring");
    assertThat(slugs("/api/products?category=rings&variantSize=O&inStock=true")).isEmpty();
  }

  @Test
  void searchesNamesAndDescriptions() {
    assertThat(slugs("/api/products?q=moonstone")).containsExactly("moonstone-signet-ring");
    assertThat(slugs("/api/products?q=hoops")).containsExactly("hoop-earrings-20mm");
    assertThat(slugs("/api/products?q=butterfly")).containsExactly("droplet-stud-earrings");
    assertThat(slugs("/api/products?q=100%25_")).isEmpty();
  }

  @Test
  void sortsAndPaginates() {
    assertThat(slugs("/api/products?category=rings&sort=price-desc"))
        .containsExactly("moonstone-signet-ring", "hammered-band-ring", "twisted-rope-ring");
    assertThat(slugs("/api/products?category=rings&sort=price-asc"))
        .containsExactly("twisted-rope-ring", "hammered-band-ring", "moonstone-signet-ring");

    JsonNode first = get("/api/products?category=rings&size=2&page=0").body();
    JsonNode second = get("/api/products?category=rings&size=2&page=1").body();
    assertThat(first.get("totalItems").asLong()).isEqualTo(3);
    assertThat(first.get("items")).hasSize(2);
    assertThat(second.get("items")).hasSize(1);
    assertThat(second.get("page").asInt()).isEqualTo(1);

    JsonNode ring = first.get("items").get(0);
    assertThat(ring.get("priceFromMinor").asLong()).isEqualTo(6500);
    assertThat(ring.get("currency").asText()).isEqualTo("GBP");
    assertThat(ring.get("inStock").asBoolean()).isTrue();
  }

  @Test
  void badQueriesAreProblemDetails() {
    for (String query :
        List.of("sort=cheapest", "minPrice=-1", "minPrice=500&maxPrice=100", "page=-1")) {
      Answer answer = get("/api/products?" + query);
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }
  }

  @Test
  void aProductPageHasEveryVariant() {
    Answer answer = get("/api/products/hammered-band-ring");

    assertThat(answer.status()).isEqualTo(200);
    JsonNode product = answer.body();
    assertThat(product.get("name").asText()).isEqualTo("Hammered Band Ring");
    assertThat(product.get("category").get("slug").asText()).isEqualTo("rings");
    assertThat(product.get("variants"))
        .extracting(v -> v.get("size").asText())
        .containsExactly("J", "L", "N", "P");
    JsonNode j = product.get("variants").get(0);
    assertThat(j.get("sku").asText()).isEqualTo("RNG-HAM-J");
    assertThat(j.get("metal").asText()).isEqualTo("silver");
    assertThat(j.get("purity").asText()).isEqualTo("925");
    assertThat(j.get("weightGrams").decimalValue()).isEqualByComparingTo("3.10");
    assertThat(j.get("priceMinor").asLong()).isEqualTo(6500);
    assertThat(product.get("images")).isEmpty();

    Answer missing = get("/api/products/no-such-ring");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().get("type").asText()).endsWith("/product-not-found");
  }

  @Test
  void responsesAreCacheableByCloudFrontAndRevalidateWithETags() {
    Answer first = get("/api/products/moonstone-signet-ring");
    String etag = first.header("ETag");
    assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
    assertThat(first.header("Cache-Control"))
        .contains("public")
        .contains("max-age=60")
        .contains("stale-while-revalidate=60")
        .contains("stale-if-error=86400");

    Answer unchanged = get("/api/products/moonstone-signet-ring", "If-None-Match", etag);
    assertThat(unchanged.status()).isEqualTo(304);
    assertThat(unchanged.body()).isNull();
    assertThat(unchanged.header("ETag")).isEqualTo(etag);
    assertThat(get("/api/products/moonstone-signet-ring", "If-None-Match", "W/" + etag).status())
        .isEqualTo(304);

    Answer list = get("/api/products?category=rings");
    assertThat(get("/api/products?category=rings", "If-None-Match", list.header("ETag")).status())
        .isEqualTo(304);
    assertThat(get("/api/categories").header("Cache-Control")).contains("stale-if-error");
  }

  @Test
  void publicCatalogueAnswersSetNoCookie() {
    // A shared cache must not store (or hand to the next shopper) a response that sets a cookie,
    // and minting a CSRF token per anonymous read was most of a catalogue request's cost.
    for (String path :
        List.of(
            "/api/categories",
            "/api/products",
            "/api/products?category=rings&sort=price-asc",
            "/api/products/hammered-band-ring")) {
      Answer answer = get(path);
      assertThat(answer.status()).as(path).isEqualTo(200);
      assertThat(answer.header("Cache-Control")).as(path).contains("public");
      assertThat(answer.headers().allValues("Set-Cookie")).as(path).isEmpty();
    }
    // The SPA still gets its token where it asks for one, and before a first change.
    assertThat(get("/api/auth/csrf").headers().allValues("Set-Cookie"))
        .anyMatch(cookie -> cookie.startsWith("XSRF-TOKEN="));
    assertThat(get("/api/auth/session").headers().allValues("Set-Cookie"))
        .anyMatch(cookie -> cookie.startsWith("XSRF-TOKEN="));
  }

  @Test
  void anAdminChangeChangesTheETagAndUnpublishedProductsDisappear() {
    String sku = newProduct(2, 1000);
    String slug =
        jdbc.sql(
                "SELECT p.slug FROM product p JOIN product_variant v ON v.product_id = p.id"
                    + " WHERE v.sku = :sku")
            .param("sku", sku)
            .query(String.class)
            .single();
    String before = get("/api/products/" + slug).header("ETag");

    put(
        "/api/admin/variants/" + sku + "/price",
        Map.of("priceMinor", 1200, "currency", "GBP"),
        admin());

    Answer after = get("/api/products/" + slug, "If-None-Match", before);
    assertThat(after.status()).isEqualTo(200);
    assertThat(after.body().get("priceFromMinor").asLong()).isEqualTo(1200);

    put(
        "/api/admin/products/" + slug,
        Map.of(
            "slug", slug,
            "name", "Hidden",
            "description", "",
            "category", "workshop-tests",
            "published", false),
        admin());
    assertThat(get("/api/products/" + slug).status()).isEqualTo(404);
    assertThat(slugs("/api/products?category=workshop-tests")).doesNotContain(slug);
  }

  @Test
  void productsShowTheRenditionsTheImagePipelinePublished() {
    String sku = newProduct(1, 5000);
    String slug = slugOf(sku);
    long ingestion =
        jdbc.sql(
                "INSERT INTO image_ingestion (upload_key, etag, product_id, status)"
                    + " SELECT :key, 'e1', product_id, 'processed' FROM product_variant"
                    + " WHERE sku = :sku RETURNING id")
            .param("key", "incoming/" + slug + "/ring.jpg")
            .param("sku", sku)
            .query(Long.class)
            .single();
    long image =
        jdbc.sql(
                "INSERT INTO product_image (product_id, ingestion_id, position, source_sha256,"
                    + " width, height) SELECT product_id, :ingestion, 0, repeat('a', 64), 1600,"
                    + " 1200 FROM product_variant WHERE sku = :sku RETURNING id")
            .param("ingestion", ingestion)
            .param("sku", sku)
            .query(Long.class)
            .single();
    for (int width : new int[] {800, 320}) {
      jdbc.sql(
              "INSERT INTO product_image_rendition (image_id, format, content_type, width, height,"
                  + " size_bytes, object_key) VALUES (:image, 'jpeg', 'image/jpeg', :width,"
                  + " :width * 3 / 4, 1000, :key)")
          .param("image", image)
          .param("width", width)
          .param("key", "products/" + slug + "/aaaa-" + width + "w.jpg")
          .update();
    }

    JsonNode photo = get("/api/products/" + slug).body().get("images").get(0);
    assertThat(photo.get("alt").asText()).startsWith("Test Piece");
    assertThat(photo.get("renditions"))
        .extracting(r -> r.get("width").asInt() + " " + r.get("url").asText())
        .containsExactly(
            "320 https://images.test.example/products/" + slug + "/aaaa-320w.jpg",
            "800 https://images.test.example/products/" + slug + "/aaaa-800w.jpg");
    JsonNode listed =
        StreamSupport.stream(
                get("/api/products?category=workshop-tests&size=100")
                    .body()
                    .get("items")
                    .spliterator(),
                false)
            .filter(item -> item.get("slug").asText().equals(slug))
            .findFirst()
            .orElseThrow();
    assertThat(listed.get("image").get("renditions")).hasSize(2);
  }

  private String slugOf(String sku) {
    return jdbc.sql(
            "SELECT p.slug FROM product p JOIN product_variant v ON v.product_id = p.id"
                + " WHERE v.sku = :sku")
        .param("sku", sku)
        .query(String.class)
        .single();
  }

  private List<String> slugs(String path) {
    Answer answer = get(path);
    assertThat(answer.status()).as(path).isEqualTo(200);
    return StreamSupport.stream(answer.body().get("items").spliterator(), false)
        .map(item -> item.get("slug").asText())
        .toList();
  }
}
