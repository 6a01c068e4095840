package com.silverjems.routes.email;

import com.silverjems.schema.calls.AdminCallSignature;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the hub's admin API ({@code /api/admin/email/**}) knows a call comes from the shop ({@code
 * silverjems.admin-api.*}).
 *
 * @param signingKey the key the shop signs its calls with (SILVERJEMS_ADMINAPI_SIGNINGKEY, from
 *     Secrets Manager; the shop gets the same secret as SILVERJEMS_EMAILHUB_SIGNINGKEY)
 */
@ConfigurationProperties("silverjems.admin-api")
record AdminApiProperties(String signingKey) {

  /** Fails start-up of a group that serves the admin API, naming the missing setting. */
  AdminCallSignature signature() {
    if (signingKey == null || signingKey.length() < AdminCallSignature.MIN_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "silverjems.admin-api.signing-key (SILVERJEMS_ADMINAPI_SIGNINGKEY) is not set or shorter"
              + " than "
              + AdminCallSignature.MIN_KEY_LENGTH
              + " characters: without it anyone who reaches the hub's port could lift"
              + " suppressions and re-drive emails");
    }
    return new AdminCallSignature(signingKey);
  }
}
