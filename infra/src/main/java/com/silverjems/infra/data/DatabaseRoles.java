package com.silverjems.infra.data;

import com.silverjems.infra.config.DeploymentEnvironment;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.rds.DatabaseSecret;
import software.amazon.awscdk.services.rds.IDatabaseInstance;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * One secret per component role ({@link DatabaseRole}): generated password, the role's user name,
 * and the instance's host, port and database (attached to the instance, as RDS secrets are). The
 * shop, which migrates as the master user, sets each role's password from these after every
 * migration; no component but the shop's migration sees the master secret.
 */
public final class DatabaseRoles extends Construct {

  private final Map<DatabaseRole, ISecret> secrets = new EnumMap<>(DatabaseRole.class);

  public DatabaseRoles(
      Construct scope, String id, DeploymentEnvironment env, IDatabaseInstance database) {
    super(scope, id);
    for (DatabaseRole role : DatabaseRole.values()) {
      DatabaseSecret secret =
          DatabaseSecret.Builder.create(this, role.name())
              .secretName(env.prefix() + "/database/" + role.username())
              .username(role.username())
              // Quotes and backslashes would need escaping in JDBC URLs and .pgpass files.
              .excludeCharacters(" %+~`#$&*()|[]{}:;<>?!'/@\"\\")
              .build();
      secrets.put(role, secret.attach(database));
      NagSuppressions.addResourceSuppressions(
          secret,
          List.of(
              NagPackSuppression.builder()
                  .id("AwsSolutions-SMG4")
                  .reason(
                      "The shop sets the role's password from this secret after each migration,"
                          + " and the services read it once into their pools: rotating is a"
                          + " release (new value, then roll the shop, then the other services).")
                  .build()),
          true);
    }
  }

  public ISecret secret(DatabaseRole role) {
    return secrets.get(role);
  }
}
