package com.silverjems.routes.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.routes.ConditionalOnRouteGroup;
import com.silverjems.routes.InsertOnceMessageIdRepository;
import com.silverjems.routes.RouteGroupsProperties.RouteGroup;
import com.silverjems.routes.email.EmailDeliveryEvents;
import com.silverjems.routes.email.Resends;
import javax.sql.DataSource;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/** The delivery-events group: only in a JVM whose {@code routes.groups} has it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRouteGroup(RouteGroup.DELIVERY_EVENTS)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

  private final DeliveryProperties properties;

  DeliveryConfiguration(DeliveryProperties properties) {
    this.properties = properties.checkedForConsuming();
  }

  @Bean(destroyMethod = "close")
  SqsClient deliverySqsClient() {
    SqsClientBuilder builder = SqsClient.builder().region(Region.of(properties.sqs().region()));
    if (properties.sqs().endpoint() != null) {
      builder.endpointOverride(properties.sqs().endpoint());
    }
    return builder.build();
  }

  @Bean
  SpringTransactionPolicy deliveryEventTransaction(PlatformTransactionManager transactions) {
    SpringTransactionPolicy policy = new SpringTransactionPolicy(transactions);
    policy.setPropagationBehaviorName("PROPAGATION_REQUIRED");
    return policy;
  }

  @Bean
  InsertOnceMessageIdRepository deliveryIdempotentRepository(
      DataSource dataSource, PlatformTransactionManager transactions) {
    return new InsertOnceMessageIdRepository(
        "email-delivery-events", dataSource, new TransactionTemplate(transactions));
  }

  /** SNS's certificates over HTTPS, unless a test or the local run supplies its own source. */
  @Bean
  DeliveryEventSteps deliveryEventSteps(
      ObjectMapper json,
      ObjectProvider<SigningCertificateSource> certificates,
      EmailDeliveryEvents emails,
      DeliveryMetrics deliveryMetrics) {
    return new DeliveryEventSteps(
        json,
        new SnsSignatureVerifier(
            certificates.getIfAvailable(HttpsSigningCertificateSource::new),
            properties.topicArns()),
        emails,
        deliveryMetrics,
        new Resends(
            properties.maxResends(),
            properties.resendBackoffBase(),
            properties.resendBackoffMax()));
  }

  @Bean
  DeliveryErrorPolicy deliveryErrorPolicy(DeliveryEventSteps deliveryEventSteps) {
    return new DeliveryErrorPolicy(deliveryEventSteps);
  }

  @Bean
  DeliveryEventRoutes deliveryEventRoutes(
      DeliveryEventSteps deliveryEventSteps,
      InsertOnceMessageIdRepository deliveryIdempotentRepository) {
    return new DeliveryEventRoutes(
        deliveryEventSteps, deliveryIdempotentRepository, properties.queueUrl());
  }
}
