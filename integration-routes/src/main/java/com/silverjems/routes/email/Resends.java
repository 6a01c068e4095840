package com.silverjems.routes.email;

import java.time.Duration;

/**
 * How often an email that soft-bounced is sent again, and how long apart, before it is
 * dead-lettered: the delivery-events group's settings ({@code silverjems.delivery.max-resends},
 * {@code resend-backoff-*}), applied by {@link EmailDeliveryEvents#softBounced}.
 */
public final class Resends {

  private final int max;
  private final Backoff backoff;

  /**
   * @param max resends before the email is dead-lettered
   * @param backoffBase delay before the first resend; doubles for each, with jitter
   * @param backoffMax ceiling of that delay
   */
  public Resends(int max, Duration backoffBase, Duration backoffMax) {
    this.max = max;
    this.backoff = new Backoff(backoffBase, backoffMax);
  }

  int max() {
    return max;
  }

  Duration delayBefore(int resend) {
    return backoff.delayAfter(resend);
  }
}
