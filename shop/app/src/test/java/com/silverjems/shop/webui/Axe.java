package com.silverjems.shop.webui;

import com.microsoft.playwright.Page;
import com.silverjems.testsupport.OsTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * axe-core (pinned in {@code shop/app/browser-tools/package.json}, installed there with {@code npm
 * ci} on first use) run inside the page under test. It is evaluated through the DevTools protocol,
 * which the pages' CSP does not govern, so the pages need no exception for it.
 */
final class Axe {

  private static final Path TOOLS = Path.of("browser-tools").toAbsolutePath();
  private static String source;

  private Axe() {}

  /** Every violation of WCAG 2.x A/AA and best-practice rules on the page, one line each. */
  @SuppressWarnings("unchecked")
  static List<String> violations(Page page) {
    if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
      page.evaluate(source() + "\n;true");
    }
    return (List<String>)
        page.evaluate(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + " + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))");
  }

  private static synchronized String source() {
    if (source == null) {
      Path script = TOOLS.resolve("node_modules/axe-core/axe.min.js");
      try {
        if (!Files.exists(script)) {
          Path npm = OsTool.require("npm", "npm");
          Process install =
              new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund")
                  .directory(TOOLS.toFile())
                  .redirectErrorStream(true)
                  .start();
          String log = new String(install.getInputStream().readAllBytes());
          if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + TOOLS + " failed:\n" + log);
          }
        }
        source = Files.readString(script);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return source;
  }
}
