package com.silverjems.shop.storefront;

import java.io.IOException;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the storefront and admin UI in the local run (production serves the same files from S3
 * through CloudFront, whose viewer-request function does the same mapping). Pages have clean
 * addresses — {@code /account}, {@code /product?slug=...}, {@code /admin/} — the addresses emails
 * and sign-in redirects use; each is the file of that name with {@code .html} (or {@code
 * index.html} for a folder).
 *
 * <p>Every file is revalidated on each use ({@code no-cache}): names carry no content hash, so a
 * browser must never run yesterday's script against today's API. Unchanged files cost a 304.
 */
@Configuration(proxyBeanMethods = false)
class StorefrontPages implements WebMvcConfigurer {

  static final String LOCATION = "classpath:/static/";

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler("/**")
        .addResourceLocations(LOCATION)
        .setCacheControl(CacheControl.noCache())
        .resourceChain(true)
        .addResolver(new CleanAddresses());
  }

  /** {@code account} -> {@code account.html}, {@code admin/} -> {@code admin/index.html}. */
  static final class CleanAddresses extends PathResourceResolver {

    @Override
    protected Resource getResource(String resourcePath, Resource location) throws IOException {
      Resource exact = super.getResource(resourcePath, location);
      if (exact != null) {
        return exact;
      }
      String folder =
          resourcePath.isEmpty() || resourcePath.endsWith("/") ? resourcePath : resourcePath + "/";
      String name = resourcePath.substring(resourcePath.lastIndexOf('/') + 1);
      if (name.contains(".")) {
        return null;
      }
      // Spring hands over "/admin/" as "admin": a page named so, else the folder's index page.
      Resource page = name.isEmpty() ? null : super.getResource(resourcePath + ".html", location);
      return page != null ? page : super.getResource(folder + "index.html", location);
    }
  }
}
