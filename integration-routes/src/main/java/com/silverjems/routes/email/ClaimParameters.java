package com.silverjems.routes.email;

/**
 * Values the claim query ({@code email/claim-outbox-events.sql}) reads through {@code
 * ${bean:emailClaimParameters...}}: the poll has no message to carry them.
 */
public final class ClaimParameters {

  private final EmailProperties.Relay relay;

  ClaimParameters(EmailProperties.Relay relay) {
    this.relay = relay;
  }

  public int batchSize() {
    return relay.batchSize();
  }

  public double leaseSeconds() {
    return relay.lease().toMillis() / 1000.0;
  }

  public String instanceId() {
    return relay.instanceId();
  }
}
