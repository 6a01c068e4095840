package com.silverjems.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.storefront.StorefrontRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storefront release step: infra's StorefrontRelease decides names and caching (the contract
 * the edge stand-in serves), publish-storefront.sh uploads to a stand-in S3 bucket (a folder, ETag
 * = MD5 as S3 reports for single-part SSE-S3 objects) and invalidates through a stand-in CloudFront
 * that logs the paths.
 */
class StorefrontPublishingTest {

  private static final String IMMUTABLE = StorefrontRelease.IMMUTABLE;
  private static final String SHORT = StorefrontRelease.SHORT;
  private static final Pattern ASSET_REFERENCE = Pattern.compile("[\"'(`](/[\\w./-]+)[\"')`]");
  private static final String HASHED = "assets/[0-9a-f]{16}/";

  @TempDir Path bin;
  @TempDir Path buckets;
  @TempDir Path site;
  private ScriptRunner scripts;

  @BeforeEach
  void standIns() throws Exception {
    scripts = new ScriptRunner(bin);
    // StorefrontRelease as Maven compiled it; the real-storefront test runs it from its source
    // file,
    // as the workflow does.
    scripts.env.put(
        "STOREFRONT_RELEASE_CLASSES", Path.of("target", "classes").toAbsolutePath().toString());
    scripts.s3AndCloudFrontStandIns(buckets);
    write(
        "index.html",
        "<link href=\"/css/site.css\"><script type=module src=\"/js/app.js\"></script>");
    write("about.html", "<link href=\"/css/site.css\"><p>About us</p>");
    write("js/app.js", "import { hello } from './util.js';\nhello();\n");
    write("js/util.js", "export function hello() { return 'hi'; }\n");
    write("css/site.css", "h1 { background: url(../img/logo.svg); }\n");
    write("img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    write("sw.js", "const SHELL = ['/', '/js/app.js', '/css/site.css'];\n");
    write("plain.html", "<p>Shipping and returns</p>");
  }

  @Test
  void hashedAssetsAreImmutableAndDocumentsShortCachedAndNothingIsInvalidatedOnAFreshBucket()
      throws Exception {
    ScriptRunner.Result result = publish();
    assertThat(result.exit()).as(result.all()).isZero();
    Map<String, String> cache = uploads();
    assertThat(cache)
        .containsEntry("index.html", "text/html; charset=utf-8\t" + SHORT)
        .containsEntry("about.html", "text/html; charset=utf-8\t" + SHORT)
        .containsEntry("sw.js", "text/javascript; charset=utf-8\t" + SHORT);
    assertThat(cache.keySet())
        .filteredOn(key -> !key.endsWith(".html") && !key.equals("sw.js"))
        .hasSize(4)
        .allMatch(key -> key.matches(HASHED + "(js|css|img)/\\w+\\.(js|css|svg)"))
        .allMatch(key -> cache.get(key).endsWith("\t" + IMMUTABLE));
    // Assets are uploaded before the documents that point at them.
    List<String> order = Files.readAllLines(bin.resolve("uploads.log"));
    assertThat(order.subList(0, 4)).noneMatch(line -> line.contains(SHORT));
    assertThat(invalidated()).isEmpty();
    assertEveryReferenceResolves(buckets.resolve("storefront"));
    // Relative imports keep working: a release's assets move together.
    Path app = onlyFile(buckets.resolve("storefront/assets"), "").resolve("js/app.js");
    assertThat(Files.readString(app)).contains("from './util.js'");
    assertThat(app.resolveSibling("util.js")).exists();
  }

  @Test
  void aReleaseUploadsOnlyWhatChangedAndInvalidatesOnlyTheChangedDocuments() throws Exception {
    assertThat(publish().exit()).isZero();
    Files.delete(bin.resolve("uploads.log"));
    String oldRelease = onlyFile(buckets.resolve("storefront/assets"), "").getFileName().toString();

    assertThat(publish().exit()).isZero();
    assertThat(Files.exists(bin.resolve("uploads.log")))
        .as("an unchanged site uploads nothing")
        .isFalse();
    assertThat(invalidated()).isEmpty();

    write("js/util.js", "export function hello() { return 'hello'; }\n");
    ScriptRunner.Result result = publish();
    assertThat(result.exit()).as(result.all()).isZero();
    // New asset keys, and the documents pointing at them; the page without assets is untouched.
    assertThat(uploads().keySet())
        .hasSize(7)
        .contains("index.html", "about.html", "sw.js")
        .doesNotContain("plain.html")
        .filteredOn(key -> key.startsWith("assets/"))
        .hasSize(4)
        .noneMatch(key -> key.startsWith("assets/" + oldRelease));
    // Each changed page also under the clean address the viewer-request function maps to it.
    assertThat(invalidated())
        .containsExactly("/about.html", "/about", "/index.html", "/", "/sw.js");
    assertThat(buckets.resolve("storefront/assets/" + oldRelease + "/js/app.js"))
        .as("the previous release's scripts stay for pages cached before this one")
        .exists();
    assertEveryReferenceResolves(buckets.resolve("storefront"));
  }

  @Test
  void theMaintenancePageIsPublishedUnderItsPrefix() throws Exception {
    ScriptRunner.Result first =
        scripts.run(
            Repository.ROOT,
            "publish-storefront.sh",
            "infra/maintenance",
            "maintenance",
            "E2EXAMPLE",
            "maintenance/");
    assertThat(first.exit()).as(first.all()).isZero();
    assertThat(buckets.resolve("maintenance/maintenance/index.html"))
        .hasSameTextualContentAs(Repository.ROOT.resolve("infra/maintenance/index.html"));
    assertThat(uploads())
        .containsEntry("maintenance/index.html", "text/html; charset=utf-8\t" + SHORT);
    // A changed page is invalidated where CloudFront serves it.
    Files.writeString(buckets.resolve("maintenance/maintenance/index.html"), "old page");
    assertThat(
            scripts
                .run(
                    Repository.ROOT,
                    "publish-storefront.sh",
                    "infra/maintenance",
                    "maintenance",
                    "E2EXAMPLE",
                    "maintenance/")
                .exit())
        .isZero();
    assertThat(invalidated()).containsExactly("/maintenance/index.html", "/maintenance/");
    assertThat(Repository.read("infra/maintenance/index.html"))
        .as("self-contained: nothing loaded from the failed origin or the storefront")
        .doesNotContain("<link")
        .doesNotContain("<script")
        .doesNotContain("<img");
  }

  @Test
  void theRealStorefrontIsPublishedWithEveryReferenceResolved() throws Exception {
    scripts.env.remove("STOREFRONT_RELEASE_CLASSES");
    ScriptRunner.Result result =
        scripts.run(
            Repository.ROOT,
            "publish-storefront.sh",
            "shop/app/src/main/resources/static",
            "storefront",
            "E2EXAMPLE");
    assertThat(result.exit()).as(result.all()).isZero();
    Map<String, String> uploads = uploads();
    assertThat(uploads).hasSizeGreaterThan(30);
    uploads.forEach(
        (key, headers) -> {
          boolean document = key.endsWith(".html") || key.equals("sw.js");
          assertThat(headers).as(key).endsWith("\t" + (document ? SHORT : IMMUTABLE));
          assertThat(key.matches(HASHED + ".+")).as(key).isEqualTo(!document);
        });
    assertThat(uploads).containsKeys("index.html", "verify-email.html", "reset-password.html");
    assertEveryReferenceResolves(buckets.resolve("storefront"));
  }

  private ScriptRunner.Result publish() {
    return scripts.run(site, "publish-storefront.sh", site.toString(), "storefront", "E2EXAMPLE");
  }

  /**
   * Every quoted absolute reference to a file in the published text files names a published, hashed
   * object (page addresses such as "/cart" or "/api/..." are not files).
   */
  private static void assertEveryReferenceResolves(Path root) throws Exception {
    int references = 0;
    try (Stream<Path> all = Files.walk(root)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (!name.matches(".*\\.(html|js|css|webmanifest)$")) {
          continue;
        }
        Matcher matcher = ASSET_REFERENCE.matcher(Files.readString(file));
        while (matcher.find()) {
          String path = matcher.group(1);
          if (!path.matches(".*\\.(js|css|svg|png|webp|webmanifest)$")) {
            continue;
          }
          references++;
          if (!path.equals("/sw.js")) { // the service worker keeps its address
            assertThat(path).as("in " + name).matches("/" + HASHED + ".+");
          }
          assertThat(root.resolve(path.substring(1))).as(path + " in " + name).exists();
        }
      }
    }
    assertThat(references).isGreaterThan(2);
  }

  private Map<String, String> uploads() throws Exception {
    Map<String, String> uploads = new TreeMap<>();
    for (String line : Files.readAllLines(bin.resolve("uploads.log"))) {
      String[] parts = line.split("\t", 2);
      uploads.put(parts[0], parts[1]);
    }
    return uploads;
  }

  private List<String> invalidated() throws Exception {
    Path log = bin.resolve("invalidations.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private static Path onlyFile(Path dir, String prefix) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }

  private void write(String relative, String content) throws Exception {
    Path file = site.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
