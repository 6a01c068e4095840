package com.silverjems.infra.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.storefront.StorefrontRelease.StorefrontObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release's upload: hashed immutable assets whose every reference resolves, short-cached pages.
 */
class StorefrontReleaseTest {

  static final Path SITE = Path.of("..", "shop", "app", "src", "main", "resources", "static");
  private static final Pattern QUOTED_FILE =
      // A site path, not '//host...' (another site, e.g. in next-path.js's explanation).
      Pattern.compile("[\"'`](/[A-Za-z0-9_.-][A-Za-z0-9_./-]*\\.[a-z0-9]+)[\"'`]");
  private static final Pattern IMPORT = Pattern.compile("from\\s+'(\\.{1,2}/[^']+)'");

  private final StorefrontRelease release = StorefrontRelease.of(SITE);
  private final Set<String> keys =
      release.objects().stream().map(StorefrontObject::key).collect(Collectors.toSet());

  @Test
  void pagesAndTheServiceWorkerKeepTheirKeysEverythingElseMovesUnderTheHash() throws IOException {
    try (Stream<Path> files = Files.walk(SITE)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String path = SITE.relativize(file).toString().replace('\\', '/');
        boolean stable = path.endsWith(".html") || path.equals("sw.js");
        assertThat(keys).as(path).contains(stable ? path : "assets/" + release.hash() + "/" + path);
      }
    }
    assertThat(keys).hasSize(release.objects().size());
    for (StorefrontObject object : release.objects()) {
      assertThat(object.cacheControl())
          .as(object.key())
          .isEqualTo(
              object.key().startsWith("assets/")
                  ? StorefrontRelease.IMMUTABLE
                  : StorefrontRelease.SHORT);
    }
    assertThat(object("index.html").contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(object("assets/" + release.hash() + "/manifest.webmanifest").contentType())
        .isEqualTo("application/manifest+json");
  }

  @Test
  void everyQuotedFileReferenceAndEveryModuleImportResolvesToAnUploadedKey() {
    int references = 0;
    for (StorefrontObject object : release.objects()) {
      if (!object.contentType().startsWith("text/") && !object.contentType().contains("json")) {
        continue;
      }
      String text = new String(object.content(), StandardCharsets.UTF_8);
      Matcher quoted = QUOTED_FILE.matcher(text);
      while (quoted.find()) {
        references++;
        assertThat(keys)
            .as("%s in %s", quoted.group(1), object.key())
            .contains(quoted.group(1).substring(1));
      }
      Matcher imported = IMPORT.matcher(text);
      while (imported.find()) {
        references++;
        String resolved = URI.create("/" + object.key()).resolve(imported.group(1)).getPath();
        assertThat(keys)
            .as("%s in %s", imported.group(1), object.key())
            .contains(resolved.substring(1));
      }
    }
    assertThat(references).as("references checked").isGreaterThan(50);
  }

  @Test
  void theServiceWorkerPrecachesOnlyWhatTheReleaseServes() {
    String sw = new String(object("sw.js").content(), StandardCharsets.UTF_8);
    assertThat(sw)
        .contains("'/assets/" + release.hash() + "/js/api.js'")
        .doesNotContain("'/js/api.js'");
  }

  @Test
  void aChangedFileGivesNewAssetKeysAndTheSamePageKeys(@TempDir Path copy) throws IOException {
    try (Stream<Path> files = Files.walk(SITE)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = copy.resolve(SITE.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    assertThat(StorefrontRelease.of(copy).hash()).isEqualTo(release.hash());
    Files.writeString(
        copy.resolve("css/site.css"), "\n/* changed */", java.nio.file.StandardOpenOption.APPEND);
    StorefrontRelease changed = StorefrontRelease.of(copy);
    assertThat(changed.hash()).isNotEqualTo(release.hash());
    assertThat(changed.objects().stream().filter(StorefrontObject::page).map(StorefrontObject::key))
        .containsExactlyInAnyOrderElementsOf(
            release.objects().stream()
                .filter(StorefrontObject::page)
                .map(StorefrontObject::key)
                .toList());
  }

  @Test
  void asAProgramItWritesTheSiteAndTheObjectList(@TempDir Path out) throws IOException {
    StorefrontRelease.main(new String[] {SITE.toString(), out.toString()});
    List<String> lines = Files.readAllLines(out.resolve("objects.tsv"));
    assertThat(lines).hasSize(release.objects().size());
    for (String line : lines) {
      String[] columns = line.split("\t");
      assertThat(columns).hasSize(4);
      StorefrontObject object = object(columns[0]);
      assertThat(Files.readAllBytes(out.resolve("site").resolve(columns[0])))
          .isEqualTo(object.content());
      assertThat(columns[1]).isEqualTo(object.sha256());
      assertThat(columns[2]).isEqualTo(object.contentType());
      assertThat(columns[3]).isEqualTo(object.cacheControl());
    }
  }

  private StorefrontObject object(String key) {
    return release.objects().stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow();
  }
}
