package com.silverjems.infra.config;

/**
 * Names of the secrets that something outside their stack reads by name: the data stack creates
 * them, the CI access stack grants the release role their reading. Here, in config, so neither
 * stack's package depends on the other's.
 */
public final class SecretNames {

  private SecretNames() {}

  /** The release smoke checks' accounts (read by deploy.yml, never by a service). */
  public static String smokeChecks(DeploymentEnvironment env) {
    return env.prefix() + "/smoke-checks";
  }

  /** The payment webhook's signing key (the smoke checks sign a webhook with it too). */
  public static String paymentWebhook(DeploymentEnvironment env) {
    return env.prefix() + "/payment-webhook-signing-key";
  }
}
