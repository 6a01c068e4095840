package com.silverjems.routes.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.routes.ConditionalOnRouteGroup;
import com.silverjems.routes.RouteGroupsProperties.RouteGroup;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

/** The images route group; nothing of it exists unless {@code routes.groups} contains images. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRouteGroup(RouteGroup.IMAGES)
class ImagesConfiguration {

  /** Named so the route can give it to Camel's aws2-s3 ({@code amazonS3Client=#imagesS3Client}). */
  @Bean(destroyMethod = "close")
  S3Client imagesS3Client(ImagesProperties properties) {
    return ImagesS3Client.build(properties.requireComplete().s3());
  }

  @Bean
  ImageStore imageStore(S3Client imagesS3Client, ImagesProperties properties) {
    return new ImageStore(imagesS3Client, properties.requireComplete());
  }

  @Bean
  ImageMetrics imageMetrics(MeterRegistry registry) {
    return new ImageMetrics(registry);
  }

  @Bean
  ImageIngestion imageIngestion(
      ImagesProperties properties, ImageStore store, ImageMetrics metrics, ObjectMapper json) {
    return new ImageIngestion(
        properties,
        new ImageProcessor(properties.limits(), properties.renditions()),
        store,
        metrics,
        json);
  }

  @Bean
  ImagesErrorPolicy imagesErrorPolicy(ImageIngestion ingestion) {
    return new ImagesErrorPolicy(ingestion);
  }

  @Bean
  ImageIngestionRoute imageIngestionRoute(ImageIngestion ingestion, ImagesProperties properties) {
    return new ImageIngestionRoute(ingestion, properties.requireComplete());
  }

  /** Contributor "images" of the readiness group (see application.yml). */
  @Bean
  ImagesReadiness imagesHealthIndicator(CamelContext camel, ImageStore store) {
    return new ImagesReadiness(camel, store);
  }
}
