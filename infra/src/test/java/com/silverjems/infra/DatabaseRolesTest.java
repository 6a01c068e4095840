package com.silverjems.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.config.Component;
import com.silverjems.infra.data.DatabaseRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * One database role per component, each with its own secret: the roles are the ones the shop's
 * migration V50 creates, the shop connects as {@code silverjems_shop} and migrates as the master
 * user, the route groups connect as {@code silverjems_hub} and never see the master secret, and the
 * variables that carry each role's password are the ones the shop binds.
 */
class DatabaseRolesTest {

  private static final SynthesisedPlatform platform = SynthesisedPlatform.get();
  private static final Path MIGRATION =
      Path.of("..", "schema/src/main/resources/db/migration/V50__component_roles.sql");
  private static final Path SHOP_PROPERTIES =
      Path.of(
          "..", "shop/app/src/main/java/com/silverjems/shop/database/DatabaseRoleProperties.java");

  @Test
  void eachRoleTheMigrationCreatesHasItsOwnSecret() throws IOException {
    Matcher created =
        Pattern.compile("CREATE ROLE (\\w+) LOGIN").matcher(Files.readString(MIGRATION));
    Set<String> roles = new java.util.TreeSet<>();
    while (created.find()) {
      roles.add(created.group(1));
    }
    assertThat(roles)
        .isEqualTo(
            Arrays.stream(DatabaseRole.values())
                .map(DatabaseRole::username)
                .collect(Collectors.toCollection(java.util.TreeSet::new)));
    Template data = platform.template(platform.prod().data());
    for (DatabaseRole role : DatabaseRole.values()) {
      data.hasResourceProperties(
          "AWS::SecretsManager::Secret",
          Map.of(
              "Name",
              platform.prod().environment().prefix() + "/database/" + role.username(),
              "GenerateSecretString",
              Match.objectLike(
                  Map.of("SecretStringTemplate", "{\"username\":\"" + role.username() + "\"}"))));
    }
  }

  @Test
  void theShopConnectsAsItsRoleAndOnlyItsMigrationsUseTheMasterUser() {
    Map<String, Map<String, String>> secrets = containerSecrets();
    Map<String, String> shop = secrets.get(Component.SHOP_API.serviceName());
    assertThat(shop.get("SPRING_DATASOURCE_USERNAME")).contains("DatabaseRolesSHOP");
    assertThat(shop.get("SPRING_DATASOURCE_PASSWORD")).contains("DatabaseRolesSHOP");
    assertThat(shop.get("SPRING_FLYWAY_USER")).contains("DatabaseSecret").doesNotContain("Roles");
    for (DatabaseRole role : DatabaseRole.values()) {
      assertThat(shop.get(role.passwordVariable()))
          .as(role.passwordVariable())
          .contains("DatabaseRoles" + role.name());
    }
    for (Component component : Component.values()) {
      if (component == Component.SHOP_API) {
        continue;
      }
      Map<String, String> routes = secrets.get(component.serviceName());
      assertThat(routes.get("SPRING_DATASOURCE_USERNAME")).contains("DatabaseRolesHUB");
      assertThat(routes.get("SPRING_DATASOURCE_PASSWORD")).contains("DatabaseRolesHUB");
      assertThat(routes.values())
          .as("%s never sees the master or another role's secret", component)
          .allSatisfy(
              value -> {
                if (value.contains("Database")) {
                  assertThat(value).contains("DatabaseRolesHUB");
                }
              });
    }
  }

  @Test
  void thePasswordVariablesAreTheOnesTheShopBinds() throws IOException {
    String source = Files.readString(SHOP_PROPERTIES);
    Matcher prefix =
        Pattern.compile("@ConfigurationProperties\\(\"([a-z.-]+)\"\\)").matcher(source);
    assertThat(prefix.find()).isTrue();
    Matcher record = Pattern.compile("record DatabaseRoleProperties\\(([^)]*)\\)").matcher(source);
    assertThat(record.find()).isTrue();
    List<String> variables =
        Arrays.stream(record.group(1).split(","))
            .map(String::trim)
            .map(parameter -> parameter.substring(parameter.lastIndexOf(' ') + 1))
            // Spring Boot's relaxed binding: dots to underscores, dashes dropped, upper case.
            .map(
                field ->
                    (prefix.group(1).replace("-", "") + "." + field)
                        .replace('.', '_')
                        .toUpperCase(java.util.Locale.ROOT))
            .toList();
    assertThat(variables)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(DatabaseRole.values()).map(DatabaseRole::passwordVariable).toList());
  }

  /** Container name -> (secret variable -> its ValueFrom as text), from the services template. */
  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, String>> containerSecrets() {
    Map<String, Map<String, String>> byContainer = new HashMap<>();
    Template services = platform.template(platform.prod().services());
    for (Map<String, Object> task : services.findResources("AWS::ECS::TaskDefinition").values()) {
      for (Map<String, Object> container :
          (List<Map<String, Object>>)
              NetworkAndExposureTest.properties(task).get("ContainerDefinitions")) {
        Map<String, String> secrets = new HashMap<>();
        for (Map<String, Object> secret :
            (List<Map<String, Object>>) container.getOrDefault("Secrets", List.of())) {
          secrets.put((String) secret.get("Name"), String.valueOf(secret.get("ValueFrom")));
        }
        byContainer.put((String) container.get("Name"), secrets);
      }
    }
    return byContainer;
  }
}
