package com.silverjems.shop.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Every page of the site is reached at its clean address in the local run. CloudFront's function
 * (infra's StorefrontAddressesTest) is held to the same list, derived the same way from the same
 * folder: {@code x.html} at {@code /x}, a folder's {@code index.html} at {@code /folder/} and
 * {@code /folder}.
 */
class StorefrontPagesTest {

  static final Path SITE = Path.of("src", "main", "resources", "static");

  /** Clean address (without the leading slash, as Spring hands it over) to the page's file. */
  static Map<String, String> cleanAddresses() throws IOException {
    Map<String, String> addresses = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(SITE)) {
      files
          .filter(f -> f.toString().endsWith(".html"))
          .map(f -> SITE.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .forEach(
              page -> {
                if (page.equals("index.html")) {
                  addresses.put("", page);
                } else if (page.endsWith("/index.html")) {
                  String folder = page.substring(0, page.length() - "/index.html".length());
                  addresses.put(folder + "/", page);
                  addresses.put(folder, page);
                } else {
                  addresses.put(page.substring(0, page.length() - ".html".length()), page);
                }
              });
    }
    return addresses;
  }

  @Test
  void everyPageIsServedAtItsCleanAddress() throws IOException {
    Map<String, String> addresses = cleanAddresses();
    assertThat(addresses)
        .containsKeys("product", "verify-email", "reset-password", "admin/orders", "admin/", "");
    Resource location = new FileSystemResource(SITE.toAbsolutePath() + "/");
    StorefrontPages.CleanAddresses resolver = new StorefrontPages.CleanAddresses();
    for (Map.Entry<String, String> address : addresses.entrySet()) {
      // Spring hands "/admin/" over as "admin" (see CleanAddresses); "" is the site's root.
      String requested =
          address.getKey().endsWith("/") ? address.getKey().replaceAll("/$", "") : address.getKey();
      Resource page = resolver.getResource(requested, location);
      assertThat(page).as("/" + address.getKey()).isNotNull();
      assertThat(SITE.toAbsolutePath().relativize(page.getFile().toPath()).toString())
          .as("/" + address.getKey())
          .isEqualTo(address.getValue());
    }
  }
}
