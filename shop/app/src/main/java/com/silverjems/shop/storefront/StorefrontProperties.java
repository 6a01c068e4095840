package com.silverjems.shop.storefront;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The storefront as search engines and link previews see it ({@code silverjems.storefront.*}).
 *
 * @param publicBaseUrl where shoppers reach the site, e.g. {@code https://www.silverjems.example}:
 *     the addresses in {@code sitemap.xml} and {@code robots.txt}. Defaults to identity's public
 *     base URL (the same site), which production sets.
 */
@ConfigurationProperties("silverjems.storefront")
record StorefrontProperties(URI publicBaseUrl) {

  StorefrontProperties {
    if (publicBaseUrl == null || publicBaseUrl.toString().isBlank()) {
      throw new IllegalStateException(
          "silverjems.storefront.public-base-url is not set (it defaults to"
              + " SILVERJEMS_IDENTITY_PUBLICBASEURL)");
    }
  }
}
