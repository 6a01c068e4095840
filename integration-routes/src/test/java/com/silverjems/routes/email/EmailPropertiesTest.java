package com.silverjems.routes.email;

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
}
