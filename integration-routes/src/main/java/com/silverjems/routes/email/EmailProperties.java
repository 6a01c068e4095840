package com.silverjems.routes.email;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the email route group ({@code silverjems.email.*}). Production supplies the sender
 * and the SES region from the environment; a missing one stops start-up with the name of the
 * setting to provide.
 *
 * @param fromAddress envelope sender, an address verified in SES (SILVERJEMS_EMAIL_FROMADDRESS)
 * @param fromName display name shown to shoppers
 * @param replyTo where replies go (the shop's support mailbox), optional
 * @param configurationSet SES configuration set that publishes delivery events to SNS
 *     (SILVERJEMS_EMAIL_CONFIGURATIONSET); required, empty for none (a local run without SNS)
 * @param ses how to reach SES
 * @param relay how the outbox is polled and retried
 * @param brand what the templates show
 */
@ConfigurationProperties("silverjems.email")
public record EmailProperties(
    String fromAddress,
    String fromName,
    String replyTo,
    String configurationSet,
    Ses ses,
    Relay relay,
    Brand brand) {

  public EmailProperties {
    replyTo = blankToNull(replyTo);
  }

  /**
   * Fails start-up of the email group, naming the setting, when something it needs is missing. Not
   * done in the constructor: services that run another group bind these properties too.
   */
  EmailProperties checkedForSending() {
    require(fromAddress, "silverjems.email.from-address (SILVERJEMS_EMAIL_FROMADDRESS)");
    require(ses, "silverjems.email.ses.region (AWS_REGION)");
    require(ses.region(), "silverjems.email.ses.region (AWS_REGION)");
    require(relay, "silverjems.email.relay.*");
    require(brand, "silverjems.email.brand.*");
    // Without it bounces and complaints never reach the delivery-events group: required, though
    // a local run without SNS may set it empty.
    if (configurationSet == null) {
      throw new IllegalArgumentException(
          "silverjems.email.configuration-set (SILVERJEMS_EMAIL_CONFIGURATIONSET) is not set: the"
              + " email route group needs it (empty for none)");
    }
    require(brand.shopUrl(), "silverjems.email.brand.shop-url (SILVERJEMS_EMAIL_BRAND_SHOPURL)");
    return this;
  }

  /** The SES configuration set to send through, if any. */
  java.util.Optional<String> sesConfigurationSet() {
    return java.util.Optional.ofNullable(blankToNull(configurationSet));
  }

  /** The display name of the sender: the configured one, else the shop's name. */
  String senderName() {
    return fromName != null ? fromName : brand.shopName();
  }

  /**
   * @param region AWS region of the SES account
   * @param endpoint endpoint override (a stand-in); absent in production
   * @param sendRatePerSecond the account's maximum send rate; 0 turns client-side limiting off
   */
  public record Ses(String region, URI endpoint, double sendRatePerSecond) {
    public Ses {
      if (sendRatePerSecond < 0) {
        throw new IllegalArgumentException(
            "silverjems.email.ses.send-rate-per-second must be >= 0 (0 = no limit)");
      }
    }
  }

  /**
   * @param batchSize outbox events claimed per poll
   * @param pollDelay pause between polls when the outbox is empty
   * @param parallelism sends in flight at once per instance
   * @param lease how long a claim keeps other instances off an event (longer than a batch takes)
   * @param maxAttempts tries before an event is dead-lettered
   * @param backoffBase delay after the first failed try; doubles each try, with jitter
   * @param backoffMax ceiling of that delay
   * @param throttlePause pause after SES answers Throttling; doubles while it keeps answering so
   * @param maxResends resends after soft bounces before the email is dead-lettered
   * @param instanceId recorded on claims, for diagnosis
   */
  public record Relay(
      int batchSize,
      Duration pollDelay,
      int parallelism,
      Duration lease,
      int maxAttempts,
      Duration backoffBase,
      Duration backoffMax,
      Duration throttlePause,
      int maxResends,
      String instanceId) {
    public Relay {
      if (batchSize < 1 || parallelism < 1 || maxAttempts < 1 || maxResends < 0) {
        throw new IllegalArgumentException(
            "silverjems.email.relay: batch-size, parallelism and max-attempts must be >= 1,"
                + " max-resends >= 0");
      }
    }
  }

  /** What the templates show: the shop's name, its address on the web and its support mailbox. */
  public record Brand(String shopName, String shopUrl, String supportEmail, String accentColour) {}

  private static void require(Object value, String setting) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw new IllegalArgumentException(setting + " is not set: the email route group needs it");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
