package com.silverjems.shop.identity;

import java.util.Map;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.password.CompromisedPasswordChecker;
import org.springframework.security.authentication.password.CompromisedPasswordDecision;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.web.authentication.password.HaveIBeenPwnedRestApiPasswordChecker;
import org.springframework.web.client.RestClient;

@Configuration(proxyBeanMethods = false)
class PasswordsConfiguration {

  /**
   * Argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane), behind Spring's {@code {id}} prefix
   * so a stronger setting or algorithm can replace it: hashes are upgraded at the next sign-in. At
   * most {@code hashing-permits} hashes run at once and {@code hashing-queue} wait (memory, CPU and
   * request threads stay bounded under a flood).
   */
  @Bean
  BoundedPasswordEncoder passwordEncoder(IdentityProperties properties) {
    Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    return new BoundedPasswordEncoder(
        new DelegatingPasswordEncoder(
            "argon2", Map.of("argon2", argon2, "bcrypt", new BCryptPasswordEncoder())),
        properties.passwords().hashingPermits(),
        properties.passwords().hashingQueue(),
        properties.passwords().hashingMaxWait());
  }

  /**
   * Have I Been Pwned's range API: only the first 5 hex characters of the password's SHA-1 leave
   * the shop. When it does not answer within 2 s the check passes (and Spring logs it): an outage
   * there must not stop anyone from signing up.
   */
  @Bean
  CompromisedPasswordChecker compromisedPasswordChecker(IdentityProperties properties) {
    if (!properties.passwords().breachedCheck()) {
      return password -> new CompromisedPasswordDecision(false);
    }
    HaveIBeenPwnedRestApiPasswordChecker checker = new HaveIBeenPwnedRestApiPasswordChecker();
    checker.setRestClient(
        RestClient.builder()
            .baseUrl(properties.passwords().breachedApiUrl().toString())
            .requestFactory(
                ClientHttpRequestFactoryBuilder.jdk()
                    .build(
                        ClientHttpRequestFactorySettings.defaults()
                            .withConnectTimeout(properties.passwords().breachedApiTimeout())
                            .withReadTimeout(properties.passwords().breachedApiTimeout())))
            .build());
    return checker;
  }
}
