package com.silverjems.shop.images;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

@Configuration(proxyBeanMethods = false)
class ImagesConfiguration {

  /**
   * The upload bucket's client. On AWS: the task role's credentials. Against an S3-compatible
   * endpoint (local run, tests): path-style addressing, placeholder credentials, and checksums only
   * where S3 requires them, since S3Proxy refuses the SDK's default ones.
   */
  @Bean(destroyMethod = "close")
  S3Client imagesS3Client(ImagesProperties properties) {
    S3ClientBuilder builder = S3Client.builder().region(Region.of(properties.region()));
    if (properties.endpoint() == null) {
      return builder.credentialsProvider(DefaultCredentialsProvider.builder().build()).build();
    }
    return builder
        .endpointOverride(properties.endpoint())
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }
}
