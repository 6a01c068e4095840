package com.silverjems.routes.delivery;

import com.silverjems.routes.ConditionalOnRouteGroup;
import com.silverjems.routes.RouteGroupsProperties.RouteGroup;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delivery-event meters, registered at 0 by either email group (as the email meters are, in
 * EmailStoreConfiguration): every email task exports the whole email family, so the bounce-ratio
 * rule and the email dashboard read a 0, not "no data", from a service that runs the relay alone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRouteGroup({RouteGroup.EMAIL, RouteGroup.DELIVERY_EVENTS})
class DeliveryMetricsConfiguration {

  @Bean
  DeliveryMetrics deliveryMetrics(MeterRegistry registry, CamelContext camel) {
    return new DeliveryMetrics(registry, camel);
  }
}
