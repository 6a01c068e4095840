package com.silverjems.infra.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storefront's viewer-request function, run by node on CloudFront-shaped events, maps every
 * page of the site from its clean address to its file, leaves files alone, and knows every address
 * the shop's emails link to. The shop's local mapping (shop's StorefrontPagesTest) is held to the
 * same list, derived the same way from the same folder.
 */
class StorefrontAddressesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SHOP_SOURCES = Path.of("..", "shop", "app", "src", "main", "java");
  private static CloudFrontFunction function;

  @BeforeAll
  static void start() {
    function = CloudFrontFunction.fromFile(EdgeStack.CLEAN_ADDRESSES_FUNCTION);
  }

  @AfterAll
  static void stop() {
    function.close();
  }

  /** Clean address to the page's key: x.html at /x, a folder's index.html at /f/ and /f. */
  static Map<String, String> cleanAddresses() throws IOException {
    Map<String, String> addresses = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(EdgeStandInTest.SITE)) {
      files
          .filter(f -> f.toString().endsWith(".html"))
          .map(f -> EdgeStandInTest.SITE.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .forEach(
              page -> {
                if (page.equals("index.html")) {
                  addresses.put("/", page);
                } else if (page.endsWith("/index.html")) {
                  String folder = page.substring(0, page.length() - "/index.html".length());
                  addresses.put("/" + folder + "/", page);
                  addresses.put("/" + folder, page);
                } else {
                  addresses.put("/" + page.substring(0, page.length() - ".html".length()), page);
                }
              });
    }
    return addresses;
  }

  private static String rewritten(String uri) {
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "1.0");
    event.putObject("context").put("eventType", "viewer-request");
    event.putObject("viewer").put("ip", "198.51.100.7");
    ObjectNode request = event.putObject("request");
    request.put("method", "GET");
    request.put("uri", uri);
    request.putObject("querystring").putObject("slug").put("value", "ring-1");
    request.putObject("headers").putObject("host").put("value", "www.silverjems.com");
    request.putObject("cookies");
    return function.run(event).path("uri").asText();
  }

  @Test
  void everyPageIsReachedAtItsCleanAddress() throws IOException {
    Map<String, String> addresses = cleanAddresses();
    assertThat(addresses).containsKeys("/product", "/admin/orders", "/admin", "/admin/", "/");
    addresses.forEach(
        (address, page) -> assertThat(rewritten(address)).as(address).isEqualTo("/" + page));
  }

  @Test
  void filesAndPagesByTheirOwnNameAreLeftAlone() throws IOException {
    try (Stream<Path> files = Files.walk(EdgeStandInTest.SITE)) {
      files
          .filter(Files::isRegularFile)
          .map(f -> "/" + EdgeStandInTest.SITE.relativize(f).toString().replace('\\', '/'))
          .forEach(file -> assertThat(rewritten(file)).as(file).isEqualTo(file));
    }
    assertThat(rewritten("/assets/0123abcd/js/api.js")).isEqualTo("/assets/0123abcd/js/api.js");
  }

  @Test
  void everyAddressTheShopsEmailsLinkToIsAPage() throws IOException {
    Pattern link = Pattern.compile("link\\(\"(/[^\"?]*)\"");
    List<String> linked;
    try (Stream<Path> sources = Files.walk(SHOP_SOURCES)) {
      linked =
          sources
              .filter(f -> f.toString().endsWith(".java"))
              .flatMap(
                  f -> {
                    try {
                      Matcher m = link.matcher(Files.readString(f));
                      return m.results().map(r -> r.group(1)).toList().stream();
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .toList();
    }
    assertThat(linked).contains("/verify-email", "/reset-password");
    Map<String, String> addresses = cleanAddresses();
    for (String address : linked) {
      assertThat(addresses).as(address).containsKey(address);
      assertThat(rewritten(address)).isEqualTo("/" + addresses.get(address));
    }
  }

  @Test
  void theDistributionRunsExactlyThisFile() throws IOException {
    EdgeDistribution prod = SynthesisedEdge.distribution("prod");
    assertThat(prod.defaultBehaviour().viewerRequestFunctions())
        .containsExactly(Files.readString(EdgeStack.CLEAN_ADDRESSES_FUNCTION));
    for (EdgeDistribution.Behaviour behaviour : prod.behaviours()) {
      assertThat(behaviour.viewerRequestFunctions()).as(behaviour.pathPattern()).isEmpty();
    }
  }
}
