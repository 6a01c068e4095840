package com.silverjems.shop.catalog;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

  /**
   * While disconnected, Lettuce would queue commands until they time out; rejecting them at once
   * lets the catalogue fall back to PostgreSQL without waiting.
   */
  @Bean
  LettuceClientConfigurationBuilderCustomizer failFastWhileRedisIsDown() {
    return builder ->
        builder.clientOptions(
            ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
  }
}
