package com.silverjems.routes.email;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.routes.ConditionalOnRouteGroup;
import com.silverjems.routes.InsertOnceMessageIdRepository;
import com.silverjems.routes.RouteGroupsProperties.RouteGroup;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.SesClientBuilder;

/** The outbox relay: only in a JVM whose {@code routes.groups} has {@code email}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRouteGroup(RouteGroup.EMAIL)
@EnableConfigurationProperties(EmailProperties.class)
class EmailRelayConfiguration {

  private final EmailProperties properties;

  EmailRelayConfiguration(EmailProperties properties) {
    this.properties = properties.checkedForSending();
  }

  /**
   * SDK retries are off: the relay retries itself, durably and with jitter, and must see every
   * Throttling answer to slow down (the SDK would hide them, then fail anyway).
   */
  @Bean(destroyMethod = "close")
  SesClient emailSesClient() {
    SesClientBuilder builder =
        SesClient.builder()
            .region(Region.of(properties.ses().region()))
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));
    if (properties.ses().endpoint() != null) {
      builder.endpointOverride(properties.ses().endpoint());
    }
    return builder.build();
  }

  /** Slots booked in the database: every email task of the account shares the one rate. */
  @Bean
  SendRateLimiter emailSendRateLimiter(JdbcClient jdbc, PlatformTransactionManager transactions) {
    return new SendRateLimiter(
        properties.ses().sendRatePerSecond(),
        properties.relay().throttlePause(),
        new SharedSendSlots(jdbc, transactions));
  }

  @Bean
  InsertOnceMessageIdRepository emailIdempotentRepository(
      DataSource dataSource, PlatformTransactionManager transactions) {
    return new InsertOnceMessageIdRepository(
        "email-outbox", dataSource, new TransactionTemplate(transactions));
  }

  /** The send transaction: its own, so that it commits right after SES accepted. */
  @Bean
  SendTransaction emailSendTransaction(PlatformTransactionManager transactions) {
    return new SendTransaction(transactions);
  }

  @Bean
  RelaySteps emailRelaySteps(
      ObjectMapper json,
      Suppressions suppressions,
      EmailRecords records,
      SendRateLimiter emailSendRateLimiter) {
    return new RelaySteps(
        json,
        EventSchemas.fromClasspath(),
        new EmailTemplates(json, properties.brand()),
        new MimeMessages(properties),
        suppressions,
        records,
        emailSendRateLimiter,
        properties);
  }

  @Bean
  RelayFailures emailRelayFailures(
      SendTransaction emailSendTransaction,
      EmailRecords records,
      SendRateLimiter emailSendRateLimiter) {
    return new RelayFailures(
        emailSendTransaction,
        records,
        emailSendRateLimiter,
        new Backoff(properties.relay().backoffBase(), properties.relay().backoffMax()),
        properties.relay().maxAttempts());
  }

  @Bean
  EmailErrorPolicy emailErrorPolicy(RelayFailures emailRelayFailures) {
    return new EmailErrorPolicy(emailRelayFailures);
  }

  /**
   * Named: the claim query reads its values through {@code ${bean:emailClaimParameters...}} (a poll
   * has no message to carry them).
   */
  @Bean
  ClaimParameters emailClaimParameters() {
    return new ClaimParameters(properties.relay());
  }

  @Bean
  OutboxRelayRoutes outboxRelayRoutes(
      RelaySteps emailRelaySteps,
      SendTransaction emailSendTransaction,
      InsertOnceMessageIdRepository emailIdempotentRepository) {
    return new OutboxRelayRoutes(
        emailRelaySteps,
        emailSendTransaction,
        emailIdempotentRepository,
        properties.relay().parallelism());
  }
}
