package com.silverjems.localrun;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The local run's stand-in for CloudFront in front of the public bucket: renditions (keys {@code
 * images/...}) served from S3Proxy's folder at the site's {@code /images/}, so the storefront loads
 * them from its own origin as in production (the pages' CSP allows nothing else over plain HTTP).
 */
final class LocalImages implements WebMvcConfigurer {

  private final Path publicBucket;

  LocalImages(Path publicBucket) {
    this.publicBucket = publicBucket;
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    String folder = publicBucket.resolve("images").toAbsolutePath().toUri().toString();
    registry
        .addResourceHandler("/images/**")
        .addResourceLocations(folder.endsWith("/") ? folder : folder + "/")
        // Content-hashed keys never change meaning (what the hub sends as Cache-Control).
        .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
  }
}
