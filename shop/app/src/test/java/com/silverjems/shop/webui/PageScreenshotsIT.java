package com.silverjems.shop.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every storefront page (and the admin's door) at a phone's and a laptop's width, written to {@code
 * target/screenshots/PageScreenshotsIT/<width>/} for people to look at: a layout that only breaks
 * at one width shows there. Each shot also passes the console and accessibility checks.
 */
class PageScreenshotsIT {

  /** Path of each page with content worth seeing (a product with photos, a search with results). */
  static final List<String> PAGES =
      List.of(
          "/",
          "/category?slug=rings",
          "/product?slug=hammered-band-ring",
          "/search?q=ring",
          "/search?q=unobtainium",
          "/cart",
          "/checkout",
          "/sign-in",
          "/sign-up",
          "/reset-password",
          "/verify-email",
          "/account",
          "/order",
          "/admin/sign-in");

  enum Width {
    PHONE(Chromium.PHONE),
    DESKTOP(Chromium.DESKTOP);

    final Chromium.Viewport viewport;

    Width(Chromium.Viewport viewport) {
      this.viewport = viewport;
    }
  }

  static RunningShop shop;
  static Chromium chromium;

  @BeforeAll
  static void start() {
    chromium = Chromium.launch();
    shop = SharedShop.get();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Width.class)
  void everyPageAt(Width width) {
    try (BrowserSession browser =
        chromium.session(
            shop.baseUrl(),
            width.viewport,
            BrowserSession.screenshotsOf(getClass()).resolve(width.name().toLowerCase()))) {
      for (String path : PAGES) {
        browser.open(path);
        String name =
            path.equals("/")
                ? "home"
                : path.substring(1).replaceAll("[^a-z0-9]+", "-").replaceAll("-+$", "");
        assertThat(browser.screenshot(name)).exists();
        // The page is as wide as the screen: nothing sticks out sideways on a phone.
        assertThat(
                (Boolean)
                    browser
                        .page()
                        .evaluate(
                            "() => document.documentElement.scrollWidth <="
                                + " document.documentElement.clientWidth"))
            .as("%s fits the %s's width", path, width)
            .isTrue();
      }
    }
  }
}
