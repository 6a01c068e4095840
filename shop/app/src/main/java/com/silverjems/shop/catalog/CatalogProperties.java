package com.silverjems.shop.catalog;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How catalogue reads are cached: by browsers and CloudFront ({@code Cache-Control}) and by the
 * shop itself in Redis.
 *
 * @param maxAge how long a browser or CloudFront may serve a response without asking again
 * @param staleWhileRevalidate how long after that a stale copy may be served while refreshing
 * @param staleIfError how long CloudFront may keep serving a stale copy while the API is down
 * @param cache the Redis cache in front of PostgreSQL
 * @param imagesBaseUrl where browsers load product image renditions from (the CDN in front of the
 *     public bucket); a rendition's URL is this plus its object key
 */
@ConfigurationProperties("silverjems.catalog")
record CatalogProperties(
    @DefaultValue("60s") Duration maxAge,
    @DefaultValue("60s") Duration staleWhileRevalidate,
    @DefaultValue("1d") Duration staleIfError,
    @DefaultValue Cache cache,
    URI imagesBaseUrl) {

  CatalogProperties {
    if (imagesBaseUrl == null || imagesBaseUrl.toString().isBlank()) {
      throw new IllegalStateException(
          "silverjems.catalog.images-base-url is not set: export IMAGES_BASE_URL (the CDN URL of"
              + " the public images bucket)");
    }
  }

  /**
   * @param enabled whether to use Redis at all (the local run has none)
   * @param ttl how long an entry lives; admin changes evict earlier
   * @param retryAfter how long to leave Redis alone after it failed, so a dead Redis costs one
   *     timeout every so often and not one per request
   */
  record Cache(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("60s") Duration ttl,
      @DefaultValue("5s") Duration retryAfter) {}
}
