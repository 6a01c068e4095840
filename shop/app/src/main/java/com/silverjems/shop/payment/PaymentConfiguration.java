package com.silverjems.shop.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** Chooses the payment provider: Stripe in production, the local one for the local run. */
@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

  @Bean
  @ConditionalOnProperty(
      name = "silverjems.payments.provider",
      havingValue = "stripe",
      matchIfMissing = true)
  PaymentProvider stripePaymentProvider(
      PaymentProperties properties, RestClient.Builder builder, ObjectMapper json) {
    return new StripePaymentProvider(properties, builder, json, Clock.systemUTC());
  }

  @Bean
  @ConditionalOnProperty(name = "silverjems.payments.provider", havingValue = "local")
  LocalPaymentProvider localPaymentProvider(
      PaymentProperties properties, ObjectMapper json, ObjectProvider<PaymentWebhooks> webhooks) {
    return new LocalPaymentProvider(properties, json, Clock.systemUTC(), webhooks);
  }

  @Bean
  WebhookMetrics webhookMetrics(MeterRegistry meters) {
    return new WebhookMetrics(meters);
  }
}
