package com.silverjems.routes.email;

import com.silverjems.routes.ConditionalOnRouteGroup;
import com.silverjems.routes.RouteGroupsProperties.RouteGroup;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What both email groups share: the email tables (sends, suppressions, dead letters), the email
 * meters, the admin API and {@link EmailDeliveryEvents}. The delivery-events service runs without
 * the relay, and needs them too.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRouteGroup({RouteGroup.EMAIL, RouteGroup.DELIVERY_EVENTS})
class EmailStoreConfiguration {

  @Bean
  EmailRecords emailRecords(JdbcClient jdbc) {
    return new EmailRecords(jdbc);
  }

  @Bean
  Suppressions suppressions(JdbcClient jdbc) {
    return new Suppressions(jdbc);
  }

  @Bean
  DeadLetters deadLetters(JdbcClient jdbc) {
    return new DeadLetters(jdbc);
  }

  @Bean
  SentEmails sentEmails(JdbcClient jdbc) {
    return new SentEmails(jdbc);
  }

  @Bean
  EmailMetrics emailMetrics(MeterRegistry registry, CamelContext camel, EmailRecords records) {
    return new EmailMetrics(registry, camel, records);
  }

  /** The delivery-events group's way in. */
  @Bean
  EmailDeliveryEvents emailDeliveryEvents(
      EmailRecords records, Suppressions suppressions, EmailMetrics emailMetrics) {
    return new EmailDeliveryEvents(records, suppressions, emailMetrics);
  }
}
