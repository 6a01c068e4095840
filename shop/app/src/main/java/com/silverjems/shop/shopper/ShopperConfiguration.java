package com.silverjems.shop.shopper;

import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ShopperConfiguration {

  /** Until identity brings its own: a principal that is a {@link ShopperPrincipal} is a shopper. */
  @Bean
  @ConditionalOnMissingBean
  CurrentShopper currentShopper() {
    return request ->
        request.getUserPrincipal() instanceof ShopperPrincipal principal
            ? Optional.of(new Shopper(principal.accountId(), principal.email()))
            : Optional.empty();
  }
}
