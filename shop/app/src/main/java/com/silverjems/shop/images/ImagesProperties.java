package com.silverjems.shop.images;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Admin photo uploads ({@code silverjems.images.*}). Where renditions are served is the catalogue's
 * business ({@code silverjems.catalog.images-base-url}).
 *
 * @param uploadBucket the bucket whose {@code incoming/} prefix the image pipeline consumes; empty
 *     disables uploads (the admin is told so plainly)
 * @param region the upload bucket's region
 * @param maxUploadSize the largest original accepted (the pipeline refuses bigger ones anyway)
 */
@ConfigurationProperties("silverjems.images")
record ImagesProperties(
    @DefaultValue("") String uploadBucket,
    @DefaultValue("eu-west-1") String region,
    @DefaultValue("25MB") DataSize maxUploadSize) {

  boolean uploadsEnabled() {
    return !uploadBucket.isBlank();
  }
}
