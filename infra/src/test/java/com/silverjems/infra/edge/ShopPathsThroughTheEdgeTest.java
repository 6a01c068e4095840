package com.silverjems.infra.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every address the shop's controllers answer outside {@code /api} (the search engines' {@code
 * /sitemap.xml} and {@code /robots.txt}) is routed by CloudFront to the API origin, not to the
 * storefront bucket, where it would be a 403.
 */
class ShopPathsThroughTheEdgeTest {

  private static final Path SHOP_JAVA = Path.of("..", "shop", "app", "src", "main", "java");
  private static final Pattern CLASS_MAPPING =
      Pattern.compile("^@RequestMapping", Pattern.MULTILINE);
  private static final Pattern MAPPING =
      Pattern.compile("@(?:Get|Post|Put|Delete|Patch|Request)Mapping\\(\"(/[^\"]*)\"");

  @ParameterizedTest
  @ValueSource(strings = {"test", "prod"})
  void everyShopAddressOutsideTheApiReachesTheShop(String environment) throws IOException {
    EdgeDistribution edge = SynthesisedEdge.distribution(environment);
    String api = edge.behaviourFor("/api/products").targetOriginId();
    Set<String> paths = shopPathsOutsideTheApi();
    assertThat(paths).contains("/sitemap.xml", "/robots.txt");
    for (String path : paths) {
      assertThat(edge.behaviourFor(path).targetOriginId())
          .as("CloudFront's origin for %s", path)
          .isEqualTo(api);
    }
  }

  /** Mappings of controllers without a class-level prefix whose path is not under /api. */
  private static Set<String> shopPathsOutsideTheApi() throws IOException {
    Set<String> paths = new TreeSet<>();
    try (Stream<Path> files = Files.walk(SHOP_JAVA)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        if (CLASS_MAPPING.matcher(source).find()) {
          continue;
        }
        Matcher m = MAPPING.matcher(source);
        while (m.find()) {
          String path = m.group(1);
          if (!path.startsWith("/api") && !path.startsWith("/actuator")) {
            paths.add(path);
          }
        }
      }
    }
    return paths;
  }
}
