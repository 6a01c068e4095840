package com.silverjems.shop.admin;

import com.silverjems.shop.order.OrderProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only view of the deploy-time settings an admin should know about. They are not editable here
 * on purpose: every replica's scheduler reads them from its own configuration.
 */
@RestController
@RequestMapping("/api/admin/settings")
class AdminSettingsController {

  /** The property that sets {@link OrderProperties#unpaidTtl()}, for the page to name it. */
  static final String UNPAID_TTL_PROPERTY = "silverjems.orders.unpaid-ttl";

  private final OrderProperties orders;

  AdminSettingsController(OrderProperties orders) {
    this.orders = orders;
  }

  /**
   * @param unpaidTtl ISO-8601 duration a placed order waits for its payment before it expires
   * @param unpaidTtlSeconds the same in seconds
   * @param property where it is set (deploy time)
   */
  record OrderSettings(String unpaidTtl, long unpaidTtlSeconds, String property) {}

  @GetMapping("/orders")
  OrderSettings orders() {
    return new OrderSettings(
        orders.unpaidTtl().toString(), orders.unpaidTtl().toSeconds(), UNPAID_TTL_PROPERTY);
  }
}
