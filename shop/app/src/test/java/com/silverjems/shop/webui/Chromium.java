package com.silverjems.shop.webui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.silverjems.testsupport.OsTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The machine's Chromium (Debian package), driven by Playwright. Playwright never downloads a
 * browser of its own here: the build must run offline and CI installs {@code chromium} through
 * {@code .ci/run}.
 */
final class Chromium implements AutoCloseable {

  private static final List<String> ARGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync");

  /** A phone: the storefront is used on phones first. */
  static final Viewport PHONE = new Viewport(390, 844, true);

  /** A laptop: where admins work. */
  static final Viewport DESKTOP = new Viewport(1280, 900, false);

  record Viewport(int width, int height, boolean mobile) {}

  private final Playwright playwright;
  private final Browser browser;

  private Chromium(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Launches Chromium, or skips (fails under CI) when it is not installed. */
  static Chromium launch() {
    Path executable = OsTool.require("chromium", "chromium", "/usr/bin/chromium");
    Playwright playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(ARGS));
    return new Chromium(playwright, browser);
  }

  /** A fresh browser profile (cookies, storage, service workers) of the given size. */
  BrowserSession session(String baseUrl, Viewport viewport, Path screenshots) {
    BrowserContext context =
        browser.newContext(
            new Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setViewportSize(viewport.width(), viewport.height())
                .setIsMobile(viewport.mobile())
                .setHasTouch(viewport.mobile())
                .setLocale("en-GB")
                .setTimezoneId("Europe/London"));
    context.setDefaultTimeout(15_000);
    return new BrowserSession(context, screenshots);
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
