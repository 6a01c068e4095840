package com.silverjems.routes.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailPropertiesTest {

  @Test
  void aMissingSenderStopsStartUpNamingTheSetting() {
    EmailProperties properties =
        new EmailProperties(
            null,
            null,
            null,
            null,
            new EmailProperties.Ses("eu-west-1", null, 14),
            null,
            EmailUnitTestPayloads.brand());
    assertThatThrownBy(properties::checkedForSending)
        .hasMessageContaining("SILVERJEMS_EMAIL_FROMADDRESS");
  }

  @Test
  void aMissingRegionStopsStartUpNamingTheSetting() {
    EmailProperties properties =
        new EmailProperties(
            "orders@silverjems.example",
            null,
            null,
            null,
            null,
            null,
            EmailUnitTestPayloads.brand());
    assertThatThrownBy(properties::checkedForSending).hasMessageContaining("AWS_REGION");
  }

  @Test
  void aMissingConfigurationSetStopsStartUpNamingTheSetting() {
    assertThatThrownBy(() -> complete(null, EmailUnitTestPayloads.brand()).checkedForSending())
        .hasMessageContaining("SILVERJEMS_EMAIL_CONFIGURATIONSET");
  }

  @Test
  void anEmptyConfigurationSetMeansNone() {
    assertThat(
            complete("", EmailUnitTestPayloads.brand()).checkedForSending().sesConfigurationSet())
        .isEmpty();
  }

  @Test
  void aMissingShopAddressStopsStartUpNamingTheSetting() {
    var brand = new EmailProperties.Brand("Silver Jems", null, "hello@silverjems.example", "#000");
    assertThatThrownBy(() -> complete("silverjems", brand).checkedForSending())
        .hasMessageContaining("SILVERJEMS_EMAIL_BRAND_SHOPURL");
  }

  private static EmailProperties complete(String configurationSet, EmailProperties.Brand brand) {
    return new EmailProperties(
        "orders@silverjems.example",
        null,
        null,
        configurationSet,
        new EmailProperties.Ses("eu-west-1", null, 14),
        new EmailProperties.Relay(
            50,
            java.time.Duration.ofSeconds(1),
            8,
            java.time.Duration.ofMinutes(5),
            8,
            java.time.Duration.ofSeconds(30),
            java.time.Duration.ofHours(1),
            java.time.Duration.ofSeconds(1),
            3,
            "test"),
        brand);
  }
}
