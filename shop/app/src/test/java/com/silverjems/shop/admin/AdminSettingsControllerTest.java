package com.silverjems.shop.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.shop.order.OrderProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdminSettingsControllerTest {

  @Test
  void theTimeToPayIsWhatTheDeploymentConfigured() {
    AdminSettingsController controller =
        new AdminSettingsController(
            new OrderProperties(Duration.ofMinutes(45), Duration.ofMinutes(1)));

    assertThat(controller.orders())
        .isEqualTo(
            new AdminSettingsController.OrderSettings(
                "PT45M", 2700, "silverjems.orders.unpaid-ttl"));
  }
}
