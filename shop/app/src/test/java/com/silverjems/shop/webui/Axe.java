package com.silverjems.shop.webui;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * axe-core (pinned in {@code shop/app/browser-tools/package.json}, see {@link BrowserTools}) run
 * inside the page under test. It is evaluated through the DevTools protocol, which the pages' CSP
 * does not govern, so the pages need no exception for it.
 */
final class Axe {

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
      try {
        source = Files.readString(BrowserTools.file("node_modules/axe-core/axe.min.js"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return source;
  }
}
