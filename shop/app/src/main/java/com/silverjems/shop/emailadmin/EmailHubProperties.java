package com.silverjems.shop.emailadmin;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the email hub (integration-routes, groups {@code email} / {@code delivery-events}) answers
 * its admin API inside the VPC ({@code silverjems.email-hub.*}).
 *
 * @param url the hub's base URL, e.g. {@code http://integration-routes.internal:8080}; unset, the
 *     admin's email page says that email administration is not reachable from here
 * @param timeout how long an admin waits for the hub before being told it is unavailable
 */
@ConfigurationProperties("silverjems.email-hub")
record EmailHubProperties(URI url, @DefaultValue("5s") Duration timeout) {

  EmailHubProperties {
    // Explicitly empty (tests, a shop without a hub) means unset.
    if (url != null && url.toString().isBlank()) {
      url = null;
    }
  }
}
