package com.silverjems.shop.emailadmin;

import com.silverjems.schema.calls.AdminCallSignature;
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
 * @param signingKey the key the shop signs its calls to the hub with
 *     (SILVERJEMS_EMAILHUB_SIGNINGKEY, the Secrets Manager secret the hub gets as
 *     SILVERJEMS_ADMINAPI_SIGNINGKEY); required with a url
 */
@ConfigurationProperties("silverjems.email-hub")
record EmailHubProperties(URI url, @DefaultValue("5s") Duration timeout, String signingKey) {

  EmailHubProperties {
    // Explicitly empty (tests, a shop without a hub) means unset.
    if (url != null && url.toString().isBlank()) {
      url = null;
    }
    if (url != null
        && (signingKey == null || signingKey.length() < AdminCallSignature.MIN_KEY_LENGTH)) {
      throw new IllegalArgumentException(
          "silverjems.email-hub.signing-key (SILVERJEMS_EMAILHUB_SIGNINGKEY) is not set or shorter"
              + " than "
              + AdminCallSignature.MIN_KEY_LENGTH
              + " characters: the email hub refuses every unsigned call");
    }
  }
}
