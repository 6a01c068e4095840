package com.silverjems.shop.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.shop.ShopIntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** sitemap.xml and robots.txt come from the catalogue, for anyone, without a session. */
class SearchEngineFilesIT extends ShopIntegrationTest {

  @Test
  void theSitemapListsHomeEveryCategoryAndEveryPublishedProduct() throws Exception {
    String hidden = newProduct(3, 1000);
    jdbc.sql("UPDATE product SET published = false WHERE slug = :slug")
        .param("slug", hidden)
        .update();

    HttpResponse<byte[]> answer = fetch("/sitemap.xml");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/xml");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(answer.body()));
    assertThat(xml.getDocumentElement().getNamespaceURI())
        .isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");
    NodeList locs = xml.getElementsByTagNameNS("*", "loc");
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < locs.getLength(); i++) {
      urls.add(locs.item(i).getTextContent());
    }
    List<String> expected = new ArrayList<>(List.of("https://shop.test/"));
    jdbc.sql("SELECT slug FROM category ORDER BY position, slug")
        .query(String.class)
        .list()
        .forEach(slug -> expected.add("https://shop.test/category?slug=" + slug));
    jdbc.sql("SELECT slug FROM product WHERE published ORDER BY slug")
        .query(String.class)
        .list()
        .forEach(slug -> expected.add("https://shop.test/product?slug=" + slug));
    assertThat(urls)
        .containsExactlyElementsOf(expected)
        .contains("https://shop.test/product?slug=moonstone-signet-ring")
        .doesNotContain("https://shop.test/product?slug=" + hidden);
    // Every product page says when it last changed.
    assertThat(xml.getElementsByTagNameNS("*", "lastmod").getLength())
        .isGreaterThanOrEqualTo((int) urls.stream().filter(u -> u.contains("/product?")).count());
  }

  @Test
  void robotsKeepCrawlersOutOfPrivatePagesAndPointAtTheSitemap() throws Exception {
    HttpResponse<byte[]> answer = fetch("/robots.txt");

    assertThat(answer.statusCode()).isEqualTo(200);
    String robots = new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(robots)
        .startsWith("User-agent: *\n")
        .contains("Disallow: /admin/\n", "Disallow: /checkout\n", "Disallow: /api/\n")
        .doesNotContain("Disallow: /product")
        .endsWith("Sitemap: https://shop.test/sitemap.xml\n");
  }

  private HttpResponse<byte[]> fetch(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
