package com.silverjems.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The storefront release step: storefront-layout.mjs (run with node) decides names and caching,
 * publish-storefront.sh uploads to a stand-in S3 bucket (a folder, ETag = MD5 as S3 reports for
 * single-part SSE-S3 objects) and invalidates through a stand-in CloudFront that logs the paths.
 */
class StorefrontPublishingTest {

  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String SHORT = "public, max-age=60, must-revalidate";
  private static final Pattern ASSET_REFERENCE =
      Pattern.compile("[\"'(](/(?:js|css|img)/[\\w./-]+)[\"')]");

  @TempDir Path bin;
  @TempDir Path buckets;
  @TempDir Path site;
  private ScriptRunner scripts;

  @BeforeEach
  void standIns() throws Exception {
    scripts = new ScriptRunner(bin);
    scripts.env.put("BUCKETS", buckets.toString());
    scripts.env.put("UPLOADS", bin.resolve("uploads.log").toString());
    scripts.env.put("INVALIDATIONS", bin.resolve("invalidations.log").toString());
    scripts.stub(
        "aws",
        """
        case "$1 $2" in
          "s3api list-objects-v2")
            bucket="$4"; prefix="$6"; root="$BUCKETS/$bucket"; found=0
            if [ -d "$root" ]; then
              while IFS= read -r key; do
                case "$key" in "$prefix"*) ;; *) continue ;; esac
                printf '%s\\t"%s"\\n' "$key" "$(md5sum "$root/$key" | cut -d' ' -f1)"; found=1
              done < <(cd "$root" && find . -type f | sed 's|^\\./||' | sort)
            fi
            [ "$found" = 1 ] || echo None ;;
          "s3 cp")
            target="${4#s3://}"; bucket="${target%%/*}"; key="${target#*/}"
            mkdir -p "$(dirname "$BUCKETS/$bucket/$key")"; cp "$3" "$BUCKETS/$bucket/$key"
            shift 4
            while [ $# -gt 0 ]; do
              case "$1" in --content-type) type="$2"; shift ;; --cache-control) cache="$2"; shift ;; esac
              shift
            done
            printf '%s\\t%s\\t%s\\n' "$key" "$type" "$cache" >> "$UPLOADS" ;;
          "cloudfront create-invalidation")
            shift 5; paths=()
            while [ $# -gt 0 ] && [ "$1" != "--query" ]; do paths+=("$1"); shift; done
            printf '%s\\n' "${paths[@]}" >> "$INVALIDATIONS"; echo I2J0ZQ ;;
          *) echo "unexpected aws $*" >&2; exit 9 ;;
        esac
        """);
    write(
        "index.html",
        "<link href=\"/css/site.css\"><script type=module src=\"/js/app.js\"></script>");
    write("about.html", "<link href=\"/css/site.css\"><p>About us</p>");
    write("js/app.js", "import { hello } from './util.js';\nhello();\n");
    write("js/util.js", "export function hello() { return 'hi'; }\n");
    write("css/site.css", "h1 { background: url(../img/logo.svg); }\n");
    write("img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    write("sw.js", "const SHELL = ['/', '/js/app.js', '/css/site.css'];\n");
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
        .allMatch(key -> key.matches("(js|css|img)/\\w+\\.[0-9a-f]{12}\\.(js|css|svg)"))
        .allMatch(key -> cache.get(key).endsWith("\t" + IMMUTABLE));
    // Assets are uploaded before the documents that point at them.
    List<String> order = Files.readAllLines(bin.resolve("uploads.log"));
    assertThat(order.subList(0, 4)).noneMatch(line -> line.contains(SHORT));
    assertThat(invalidated()).isEmpty();
    assertEveryReferenceResolves(buckets.resolve("storefront"));
    // Renaming a module renames every module importing it.
    String app = Files.readString(onlyFile(buckets.resolve("storefront/js"), "app."));
    assertThat(app).containsPattern("from './util\\.[0-9a-f]{12}\\.js'");
  }

  @Test
  void aReleaseUploadsOnlyWhatChangedAndInvalidatesOnlyTheChangedDocuments() throws Exception {
    assertThat(publish().exit()).isZero();
    Files.delete(bin.resolve("uploads.log"));
    String oldApp = onlyFile(buckets.resolve("storefront/js"), "app.").getFileName().toString();

    assertThat(publish().exit()).isZero();
    assertThat(Files.exists(bin.resolve("uploads.log")))
        .as("an unchanged site uploads nothing")
        .isFalse();
    assertThat(invalidated()).isEmpty();

    write("js/util.js", "export function hello() { return 'hello'; }\n");
    ScriptRunner.Result result = publish();
    assertThat(result.exit()).as(result.all()).isZero();
    assertThat(uploads().keySet())
        .hasSize(4)
        .contains("index.html", "sw.js")
        .anyMatch(key -> key.startsWith("js/util."))
        .anyMatch(key -> key.startsWith("js/app."))
        .doesNotContain("about.html");
    // /index.html is also cached as /, the address the viewer-request function maps to it.
    assertThat(invalidated()).containsExactly("/index.html", "/", "/sw.js");
    assertThat(buckets.resolve("storefront/js/" + oldApp))
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
  void theRealStorefrontLaysOutWithEveryReferenceResolved() throws Exception {
    Path out = bin.resolve("layout");
    ProcessBuilder builder =
        new ProcessBuilder(
                "node",
                Repository.ROOT.resolve(".github/scripts/storefront-layout.mjs").toString(),
                Repository.ROOT.resolve("shop/app/src/main/resources/static").toString(),
                out.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process = builder.start();
    String manifest = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).isZero();
    List<?> files = (List<?>) new org.yaml.snakeyaml.Yaml().load(manifest);
    assertThat(files).hasSizeGreaterThan(30);
    for (Object entry : files) {
      Map<?, ?> file = (Map<?, ?>) entry;
      String source = file.get("source").toString();
      boolean document =
          source.endsWith(".html") || source.equals("sw.js") || source.endsWith(".webmanifest");
      assertThat(file.get("cacheControl")).as(source).isEqualTo(document ? SHORT : IMMUTABLE);
      assertThat(file.get("key")).as(source).isEqualTo(document ? source : file.get("key"));
    }
    assertEveryReferenceResolves(out);
  }

  private ScriptRunner.Result publish() {
    return scripts.run(site, "publish-storefront.sh", site.toString(), "storefront", "E2EXAMPLE");
  }

  /** Every /js, /css or /img reference in the published text files names a published file. */
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
          references++;
          String path = matcher.group(1);
          assertThat(root.resolve(path.substring(1))).as(path + " in " + name).exists();
          assertThat(path).as("hashed").matches(".*\\.[0-9a-f]{12}\\.\\w+$");
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
