package com.silverjems.shop.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules the static storefront must keep that a browser would only reveal late or never: nothing
 * inline (the CSP forbids it), nothing fetched from another site at runtime, and a service worker
 * whose precache list matches the files that exist (one missing file and the worker never installs,
 * so degraded mode silently disappears).
 */
class StaticSiteTest {

  private static final Path STATIC = Path.of("src/main/resources/static");

  @Test
  void everyPageDeclaresTheStrictPolicyAndHasNothingInline() throws IOException {
    List<Path> pages = files(".html");
    assertThat(pages).hasSizeGreaterThanOrEqualTo(18);
    for (Path page : pages) {
      String html = Files.readString(page);
      assertThat(html)
          .as(page.toString())
          .contains("http-equiv=\"Content-Security-Policy\"")
          .contains("script-src 'self'")
          .contains("style-src 'self'")
          .doesNotContainPattern("(?i)<script(?![^>]*\\bsrc=)[^>]*>")
          .doesNotContainPattern("(?i)<style")
          .doesNotContainPattern("(?i)\\sstyle=")
          .doesNotContainPattern("(?i)\\son[a-z]+=")
          .doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");
      assertThat(html).as(page + " policy").doesNotContain("unsafe-inline");
    }
  }

  @Test
  void scriptsNeverReachForAnotherSiteOrInlineCode() throws IOException {
    for (Path script : files(".js")) {
      String js = Files.readString(script);
      assertThat(js)
          .as(script.toString())
          .doesNotContainPattern("\\.(innerHTML|outerHTML)\\s*[+]?=")
          .doesNotContain("insertAdjacentHTML(")
          .doesNotContain("document.write(")
          .doesNotContain("eval(")
          .doesNotContain("new Function(")
          .doesNotContainPattern("import[^;]*['\"]https?://")
          .doesNotContainPattern("setAttribute\\(\\s*['\"](style|on[a-z]+)['\"]");
    }
  }

  @Test
  void theServiceWorkerPrecachesExactlyTheStorefrontShell() throws IOException {
    String worker = Files.readString(STATIC.resolve("sw.js"));
    Matcher list = Pattern.compile("const SHELL = \\[(.*?)\\];", Pattern.DOTALL).matcher(worker);
    assertThat(list.find()).as("SHELL list in sw.js").isTrue();
    Set<String> shell = new LinkedHashSet<>();
    Matcher entry = Pattern.compile("'([^']+)'").matcher(list.group(1));
    while (entry.find()) {
      shell.add(entry.group(1));
    }

    Set<String> precachedFiles = new LinkedHashSet<>();
    for (String path : shell) {
      // Pages are precached by their clean address: /account is account.html.
      String file = path.equals("/") ? "/index.html" : path.contains(".") ? path : path + ".html";
      assertThat(STATIC.resolve(file.substring(1))).as("precached " + path).exists();
      precachedFiles.add(file);
    }
    // Every storefront page and script must be there, or it cannot open while the API is down.
    // Admin pages are left out on purpose: they are useless without the API.
    Set<String> storefront = new LinkedHashSet<>();
    for (Path file : files("")) {
      String path = "/" + STATIC.relativize(file).toString().replace('\\', '/');
      if (!path.startsWith("/admin/") && !path.startsWith("/js/admin/") && !path.equals("/sw.js")) {
        storefront.add(path);
      }
    }
    assertThat(precachedFiles).containsAll(storefront);
  }

  @Test
  void everyPageIsOpenedByTheBrowserTestsThatRunAxe() throws IOException {
    // PageScreenshotsIT (storefront, both widths), AdminJourneyIT (admin) and AdminsScreenIT (the
    // invitation page) screenshot each of these, and every screenshot runs axe-core: a new page
    // must join one of their lists.
    Set<String> audited = new LinkedHashSet<>();
    Stream.of(
            PageScreenshotsIT.PAGES,
            AdminJourneyIT.ENROLMENT_PAGES,
            AdminJourneyIT.SIGNED_IN_PAGES,
            List.of(AdminsScreenIT.INVITATION_PAGE))
        .flatMap(List::stream)
        .forEach(path -> audited.add(path.replaceFirst("\\?.*", "")));
    Set<String> pages = new LinkedHashSet<>();
    for (Path page : files(".html")) {
      String file = "/" + STATIC.relativize(page).toString().replace('\\', '/');
      pages.add(file.replaceFirst("index\\.html$", "").replaceFirst("\\.html$", ""));
    }
    assertThat(audited).containsExactlyInAnyOrderElementsOf(pages);
  }

  private static List<Path> files(String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(STATIC)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted()
          .toList();
    }
  }
}
