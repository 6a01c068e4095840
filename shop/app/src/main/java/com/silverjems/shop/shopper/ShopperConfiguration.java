package com.silverjems.shop.shopper;

import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ShopperConfiguration {

  /**
   * Without identity (a slice of the shop started on its own), a principal that is a {@link
   * ShopperPrincipal} is a shopper; identity's session-backed bean replaces this one.
   */
  @Bean
  @ConditionalOnMissingBean
  CurrentShopper currentShopper() {
    return request ->
        request.getUserPrincipal() instanceof ShopperPrincipal principal
            ? Optional.of(new Shopper(principal.accountId(), principal.email()))
            : Optional.empty();
  }
}
