package com.silverjems.shop.order;

import java.util.UUID;

/**
 * What the unpaid-order expiry needs from payments: the provider's intent cancelled before the
 * order is. Declared here and implemented by the payment feature, which already depends on orders,
 * so that the two features do not depend on each other (PackageByFeatureTest).
 */
public interface PaymentIntentCancellation {

  /**
   * Cancels the order's payment intent at the provider.
   *
   * @return false when the provider says the payment already succeeded (the money is arriving, the
   *     order must not be cancelled)
   */
  boolean cancelIntent(UUID orderId);
}
