package com.silverjems.infra.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * Every header the shop's controllers read and every header the storefront's scripts send is in the
 * API's origin request policy: CloudFront drops the others before they reach the shop.
 */
class ApiRequestHeadersContractTest {

  private static final Path SHOP = Path.of("..", "shop", "app", "src", "main");
  private static final Pattern REQUEST_HEADER =
      Pattern.compile(
          "@RequestHeader\\((?:name\\s*=\\s*)?(?:HttpHeaders\\.([A-Z_]+)|\"([^\"]+)\")");
  private static final Pattern SCRIPT_HEADER =
      Pattern.compile(
          "headers\\['([^']+)'\\]|'([A-Z][A-Za-z]*(?:-[A-Za-z]+)+)'\\s*:|\\b(Accept)\\s*:");

  @Test
  void whatTheShopReadsAndTheStorefrontSendsReachesTheShop() throws Exception {
    Set<String> needed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String source : texts(SHOP.resolve("java"), ".java")) {
      Matcher m = REQUEST_HEADER.matcher(source);
      while (m.find()) {
        needed.add(
            m.group(1) != null
                ? (String) HttpHeaders.class.getField(m.group(1)).get(null)
                : m.group(2));
      }
    }
    // Spring Security's CSRF header, which the shop's security configuration uses as is.
    needed.add(new CookieCsrfTokenRepository().generateToken(null).getHeaderName());
    for (String script : texts(SHOP.resolve("resources").resolve("static").resolve("js"), ".js")) {
      Matcher m = SCRIPT_HEADER.matcher(script);
      while (m.find()) {
        for (int group = 1; group <= 3; group++) {
          if (m.group(group) != null) {
            needed.add(m.group(group));
          }
        }
      }
    }
    assertThat(needed)
        .contains("If-None-Match", "Idempotency-Key", "Stripe-Signature", "X-XSRF-TOKEN", "Accept");
    Set<String> forwarded = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    forwarded.addAll(EdgeStack.API_REQUEST_HEADERS);
    for (String header : needed) {
      assertThat(forwarded)
          .as("%s reaches the shop through CloudFront", header.toLowerCase(Locale.ROOT))
          .contains(header);
    }
  }

  private static Stream<String> textsOf(Path root, String suffix) throws IOException {
    return Files.walk(root)
        .filter(f -> f.toString().endsWith(suffix))
        .map(
            f -> {
              try {
                return Files.readString(f);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  private static java.util.List<String> texts(Path root, String suffix) throws IOException {
    try (Stream<String> texts = textsOf(root, suffix)) {
      return texts.toList();
    }
  }
}
