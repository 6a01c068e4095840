package com.silverjems.shop.payment;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param provider {@code stripe} in production; {@code local} for the local run and tests
 * @param webhookTolerance how old (or early) a signed webhook timestamp may be; older ones are
 *     rejected as replays
 */
@ConfigurationProperties("silverjems.payments")
record PaymentProperties(
    @DefaultValue("stripe") String provider,
    @DefaultValue("5m") Duration webhookTolerance,
    @DefaultValue Stripe stripe,
    @DefaultValue Local local) {

  /**
   * @param baseUrl the Stripe API
   * @param apiKey secret key ({@code sk_...}), from the environment ({@code STRIPE_API_KEY})
   * @param webhookSecret signing secret of the webhook endpoint ({@code whsec_...}, from {@code
   *     SILVERJEMS_PAYMENTS_WEBHOOK_SECRET})
   * @param timeout connect and read timeout of API calls
   */
  record Stripe(
      @DefaultValue("https://api.stripe.com") URI baseUrl,
      String apiKey,
      String webhookSecret,
      @DefaultValue("10s") Duration timeout) {}

  /**
   * @param webhookSecret signs the local provider's webhooks; random per start when empty
   */
  record Local(String webhookSecret) {}
}
