package com.silverjems.shop.webui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One shopper's (or admin's) browser: a page that records every console error and uncaught
 * exception — the tests fail on any, CSP violations included, since Chromium reports those as
 * console errors — and writes a numbered screenshot at each step for people to look at.
 */
final class BrowserSession implements AutoCloseable {

  private static final String ACCESSIBILITY_CHECK = resource("/webui/accessibility-check.js");

  private final BrowserContext context;
  private final Page page;
  private final Path screenshots;
  private final List<String> consoleErrors = new CopyOnWriteArrayList<>();
  private int step;

  BrowserSession(BrowserContext context, Path screenshots) {
    this.context = context;
    this.screenshots = screenshots;
    this.page = context.newPage();
    page.onConsoleMessage(
        message -> {
          if ("error".equals(message.type())) {
            consoleErrors.add(message.text() + " (" + message.location() + ")");
          }
        });
    page.onPageError(error -> consoleErrors.add("uncaught: " + error));
    try {
      Files.createDirectories(screenshots);
      // Only this run's steps: numbered files left by an earlier run would mislead a reader.
      try (var old = Files.newDirectoryStream(screenshots, "*.png")) {
        for (Path file : old) {
          Files.delete(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Page page() {
    return page;
  }

  BrowserContext context() {
    return context;
  }

  /** Opens a path of the site and waits until the page's script has drawn it. */
  Page open(String path) {
    page.navigate(path);
    awaitDrawn();
    return page;
  }

  /** Waits until the page's content has replaced its "Loading…" placeholder. */
  void awaitDrawn() {
    page.waitForSelector("#page:not([aria-busy])");
  }

  /**
   * Writes target/screenshots/&lt;test&gt;/NN-name.png, then checks that the console is still clean
   * and that the page passes the machine-checkable accessibility basics.
   */
  Path screenshot(String name) {
    Path file = screenshots.resolve(String.format("%02d-%s.png", ++step, name));
    page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    assertNoConsoleErrors();
    assertAccessible(name);
    return file;
  }

  /**
   * Labels, alt texts, names of links and buttons, and WCAG AA text contrast on this page; then
   * axe-core's audit, which must find nothing.
   */
  void assertAccessible(String step) {
    assertThat(accessibilityProblems())
        .as("accessibility problems at step '" + step + "'")
        .isEmpty();
    assertThat(Axe.violations(page)).as("axe-core violations at step '" + step + "'").isEmpty();
  }

  @SuppressWarnings("unchecked")
  List<String> accessibilityProblems() {
    return (List<String>) page.evaluate(ACCESSIBILITY_CHECK);
  }

  void assertNoConsoleErrors() {
    assertThat(consoleErrors).as("browser console errors").isEmpty();
  }

  /** Waits until the service worker controls the page, so later requests go through it. */
  void awaitServiceWorker() {
    page.waitForFunction(
        "async () => { await navigator.serviceWorker.ready; return !!navigator.serviceWorker.controller; }");
  }

  @Override
  public void close() {
    context.close();
  }

  private static String resource(String name) {
    try (var in = BrowserSession.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path screenshotsOf(Class<?> testClass) {
    return Path.of("target", "screenshots", testClass.getSimpleName());
  }
}
