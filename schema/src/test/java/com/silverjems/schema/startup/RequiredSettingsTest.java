package com.silverjems.schema.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class RequiredSettingsTest {

  private static final RequiredSettings REQUIRED =
      new RequiredSettings(
          "the test component",
          List.of(
              RequiredSetting.of("routes.groups", "which groups to run"),
              RequiredSetting.of("silverjems.email.from-address", "the from-address of every email")
                  .when(RequiredSetting.listContains("routes.groups", "email")),
              RequiredSetting.of("silverjems.email.configuration-set", "the configuration set")
                  .orEmpty()
                  .when(RequiredSetting.listContains("routes.groups", "email")),
              RequiredSetting.of("images.public-bucket", "IMAGES_PUBLIC_BUCKET", "the CDN bucket")
                  .when(RequiredSetting.listContains("routes.groups", "images"))));

  @Test
  void theFirstMissingSettingIsOneLineNamingItsVariableAndWhatItIsFor() {
    Map<String, String> settings = new HashMap<>(Map.of("routes.groups", "email"));

    assertThat(REQUIRED.firstMissing(settings::get))
        .get()
        .extracting(StartupProblem::line)
        .isEqualTo(
            "silverjems: SILVERJEMS_EMAIL_FROMADDRESS is not set: the from-address of every email"
                + " (silverjems.email.from-address; the test component cannot start without it)");

    settings.put("silverjems.email.from-address", " ");
    assertThat(REQUIRED.firstMissing(settings::get).orElseThrow().getMessage())
        .as("blank is missing")
        .startsWith("SILVERJEMS_EMAIL_FROMADDRESS is not set");

    settings.put("silverjems.email.from-address", "orders@example.com");
    assertThat(REQUIRED.firstMissing(settings::get).orElseThrow().getMessage())
        .startsWith("SILVERJEMS_EMAIL_CONFIGURATIONSET is not set")
        .endsWith("set it empty for none)");
    settings.put("silverjems.email.configuration-set", "");
    assertThat(REQUIRED.firstMissing(settings::get)).as("empty means none here").isEmpty();
  }

  @Test
  void aSettingOfAGroupThatDoesNotRunIsNotRequired() {
    assertThat(REQUIRED.firstMissing(Map.of("routes.groups", "delivery-events")::get)).isEmpty();
    assertThat(REQUIRED.firstMissing(Map.of("routes.groups", "DELIVERY_EVENTS, images")::get))
        .get()
        .extracting(Throwable::getMessage)
        .asString()
        .startsWith("IMAGES_PUBLIC_BUCKET is not set: the CDN bucket (images.public-bucket;");
    assertThat(REQUIRED.firstMissing(Map.<String, String>of()::get).orElseThrow().getMessage())
        .startsWith("ROUTES_GROUPS is not set");
  }

  @Test
  void theCheckStopsAnApplicationBeforeAnyBeanAndTheReporterPrintsOnlyItsLine() {
    Probe.created.set(false);
    SpringApplication application = new SpringApplication(Probe.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.addListeners(new RequiredSettingsCheck(REQUIRED));
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true));
    try {
      assertThatThrownBy(() -> application.run("--routes.groups=images"))
          .isInstanceOf(StartupProblem.class)
          .hasMessageStartingWith("IMAGES_PUBLIC_BUCKET is not set");
    } finally {
      System.setErr(err);
    }
    assertThat(Probe.created).as("no bean was created").isFalse();
    assertThat(printed.toString().lines().toList())
        .containsExactly(
            "silverjems: IMAGES_PUBLIC_BUCKET is not set: the CDN bucket (images.public-bucket;"
                + " the test component cannot start without it)");
  }

  @Test
  void anUnresolvablePlaceholderIsMissingAndTheApplicationStartsWhenAllIsSet() {
    SpringApplication application = new SpringApplication(Probe.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.addListeners(new RequiredSettingsCheck(REQUIRED));
    assertThatThrownBy(
            () ->
                application.run(
                    "--routes.groups=images",
                    "--images.public-bucket=${NO_SUCH_VARIABLE_ANYWHERE}"))
        .hasMessageStartingWith("IMAGES_PUBLIC_BUCKET is not set");

    application.run("--routes.groups=images", "--images.public-bucket=b").close();
    assertThat(Probe.created).isTrue();
  }

  @Test
  void aMessageOfSeveralLinesBecomesOne() {
    assertThat(new StartupProblem("a\n  b\r\nc").line()).isEqualTo("silverjems: a b c");
    assertThat(StartupProblem.in(new IllegalStateException(new StartupProblem("x")))).isPresent();
    assertThat(StartupProblem.in(new IllegalStateException("y"))).isEmpty();
  }

  @Configuration(proxyBeanMethods = false)
  static class Probe {
    static final AtomicBoolean created = new AtomicBoolean();

    @Bean
    Object probe() {
      created.set(true);
      return new Object();
    }
  }
}
