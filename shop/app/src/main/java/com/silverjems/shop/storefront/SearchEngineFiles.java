package com.silverjems.shop.storefront;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * {@code /sitemap.xml} and {@code /robots.txt}, generated from the catalogue so that a new product
 * is found by search engines without anyone editing a file: every published product and every
 * category at its clean address, under the site's public base URL. CloudFront routes these two
 * paths to the API (the rest of the site root is S3).
 */
@RestController
class SearchEngineFiles {

  private static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");
  private static final MediaType TEXT = MediaType.parseMediaType("text/plain;charset=UTF-8");

  /** Pages with nothing for a search engine: private to a shopper or an admin, or the API. */
  static final List<String> DISALLOWED =
      List.of("/admin/", "/account", "/cart", "/checkout", "/order", "/sign-in", "/api/");

  private final SitemapCatalogue catalogue;
  private final String baseUrl;

  SearchEngineFiles(SitemapCatalogue catalogue, StorefrontProperties properties) {
    this.catalogue = catalogue;
    String base = properties.publicBaseUrl().toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  @GetMapping("/sitemap.xml")
  ResponseEntity<String> sitemap() {
    List<SitemapCatalogue.Entry> entries = catalogue.sitemapEntries();
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    url(xml, new SitemapCatalogue.Entry("/", null));
    entries.forEach(entry -> url(xml, entry));
    xml.append("</urlset>\n");
    return ResponseEntity.ok()
        .contentType(XML)
        .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic())
        .body(xml.toString());
  }

  private void url(StringBuilder xml, SitemapCatalogue.Entry entry) {
    xml.append("  <url><loc>")
        .append(HtmlUtils.htmlEscape(baseUrl + UriUtils.encodeQuery(entry.path(), "UTF-8")))
        .append("</loc>");
    if (entry.lastModified() != null) {
      xml.append("<lastmod>")
          .append(
              DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                  entry.lastModified().withOffsetSameInstant(ZoneOffset.UTC).withNano(0)))
          .append("</lastmod>");
    }
    xml.append("</url>\n");
  }

  @GetMapping("/robots.txt")
  ResponseEntity<String> robots() {
    StringBuilder text = new StringBuilder("User-agent: *\n");
    DISALLOWED.forEach(path -> text.append("Disallow: ").append(path).append('\n'));
    text.append("\nSitemap: ").append(baseUrl).append("/sitemap.xml\n");
    return ResponseEntity.ok()
        .contentType(TEXT)
        .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePublic())
        .body(text.toString());
  }
}
