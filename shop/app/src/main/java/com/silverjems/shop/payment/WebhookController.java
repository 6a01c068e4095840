package com.silverjems.shop.payment;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payment provider's webhook: authenticated by its signature (no session, no CSRF), the only
 * way a payment is ever confirmed.
 */
@RestController
class WebhookController {

  private final PaymentWebhooks webhooks;

  WebhookController(PaymentWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  @PostMapping("/api/payments/webhook")
  Map<String, Object> receive(
      @RequestBody byte[] payload,
      @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
    boolean fresh = webhooks.receive(payload, signature);
    return Map.of("received", true, "duplicate", !fresh);
  }
}
