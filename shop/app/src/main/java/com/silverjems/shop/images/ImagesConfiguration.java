package com.silverjems.shop.images;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

@Configuration(proxyBeanMethods = false)
class ImagesConfiguration {

  /**
   * The upload bucket's client, built the same way everywhere: credentials from the SDK's default
   * chain (the task role on AWS), and any endpoint or checksum policy from the SDK's standard
   * settings ({@code AWS_ENDPOINT_URL_S3}, {@code AWS_REQUEST_CHECKSUM_CALCULATION}, ... or their
   * {@code aws.*} system properties). The local run and the tests point those at S3Proxy, so the
   * code under test is production's.
   */
  @Bean(destroyMethod = "close")
  S3Client imagesS3Client(ImagesProperties properties) {
    return S3Client.builder()
        .region(Region.of(properties.region()))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .build();
  }
}
