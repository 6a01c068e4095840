package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.config.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The image pipeline's settings as the applications read them (their application.yml and defaults,
 * read from source) against what the synthesised task definitions and task roles give them: a
 * renamed variable or prefix on either side fails here, not in production.
 */
class ImagePipelineSettingsContractTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();
  private static final Template services = platform.template(platform.prod().services());

  @Test
  void theShopAndTheImagesGroupReadTheBucketVariablesTheirTasksAreGiven() throws IOException {
    String shop = read("shop/app/src/main/resources/application.yml");
    String hub = read("integration-routes/src/main/resources/application.yml");

    assertThat(environmentOf(Component.SHOP_API))
        .contains(variable(shop, "upload-bucket"), "IMAGES_BASE_URL");
    assertThat(environmentOf(Component.IMAGES))
        .contains(variable(hub, "upload-bucket"), variable(hub, "public-bucket"), "AWS_REGION");
  }

  @Test
  void renditionsGoWhereTheImagesTaskMayWrite() throws IOException {
    Matcher prefix =
        Pattern.compile("@DefaultValue\\(\"([^\"]+)\"\\) String renditionPrefix")
            .matcher(
                read(
                    "integration-routes/src/main/java/com/silverjems/routes/images/"
                        + "ImagesProperties.java"));
    assertThat(prefix.find()).isTrue();

    String writeRenditions =
        services.findResources("AWS::IAM::Policy").values().stream()
            .map(String::valueOf)
            .filter(policy -> policy.contains("Sid=WriteRenditions"))
            .findFirst()
            .orElseThrow();
    assertThat(writeRenditions).contains("/" + prefix.group(1) + "*");
  }

  /** The first environment variable the setting {@code key} is read from. */
  private static String variable(String yaml, String key) {
    Matcher matcher = Pattern.compile(key + ":\\s*\\$\\{([A-Z0-9_]+)").matcher(yaml);
    assertThat(matcher.find()).as(key + " from an environment variable").isTrue();
    return matcher.group(1);
  }

  @SuppressWarnings("unchecked")
  private static List<String> environmentOf(Component component) {
    return services.findResources("AWS::ECS::TaskDefinition").values().stream()
        .map(resource -> (Map<String, Object>) ((Map<String, Object>) resource).get("Properties"))
        .flatMap(
            properties ->
                ((List<Map<String, Object>>) properties.get("ContainerDefinitions")).stream())
        .filter(container -> component.serviceName().equals(container.get("Name")))
        .flatMap(
            container ->
                ((List<Map<String, Object>>) container.getOrDefault("Environment", List.of()))
                    .stream())
        .map(variable -> String.valueOf(variable.get("Name")))
        .toList();
  }

  private static String read(String relative) throws IOException {
    return Files.readString(ROOT.resolve(relative));
  }
}
