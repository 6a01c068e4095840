package com.silverjems.shop.identity;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Reads {@code silverjems.identity.rate-limits.*} values such as {@code "5 per 15m"}. */
@Component
@ConfigurationPropertiesBinding
class RateLimitConverter implements Converter<String, IdentityProperties.Limit> {

  @Override
  public IdentityProperties.Limit convert(String source) {
    return IdentityProperties.Limit.parse(source);
  }
}
