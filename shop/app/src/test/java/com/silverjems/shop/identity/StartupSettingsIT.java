package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.silverjems.shop.ShopApplication;
import com.silverjems.testsupport.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Production settings identity cannot run without fail start-up, naming what is missing. */
@ExtendWith(OutputCaptureExtension.class)
class StartupSettingsIT {

  private static final TestPostgres.Database DATABASE =
      TestPostgres.shared().newDatabase("startup_settings");

  @Test
  void aMissingMfaKeyFailsStartUpNamingTheProperty(CapturedOutput output) {
    assertThatThrownBy(() -> start("--silverjems.identity.mfa.encryption-key="));
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("Property: silverjems.identity.mfa.encryptionKey")
        .contains("must not be blank");
  }

  @Test
  void aKeyOfTheWrongLengthFailsStartUpSayingHowToMakeOne() {
    assertThatThrownBy(() -> start("--silverjems.identity.mfa.encryption-key=c2hvcnQ="))
        .hasStackTraceContaining("must be 32 random bytes in base64")
        .hasStackTraceContaining("openssl rand -base64 32");
  }

  @Test
  void aMissingPublicBaseUrlFailsStartUp(CapturedOutput output) {
    assertThatThrownBy(() -> start("--silverjems.identity.public-base-url="));
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("Property: silverjems.identity.publicBaseUrl");
  }

  private static org.springframework.context.ConfigurableApplicationContext start(String... extra) {
    List<String> args = new ArrayList<>();
    DATABASE.springProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
    args.add("--server.port=0");
    args.add("--spring.main.banner-mode=off");
    args.add("--logging.level.root=WARN");
    args.addAll(List.of(extra));
    SpringApplication shop = new SpringApplication(ShopApplication.class);
    return shop.run(args.toArray(String[]::new));
  }
}
