package com.silverjems.shop.database;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The passwords of the components' database roles (migration V50), each from its own secret. In
 * production the shop, which runs the migrations as the database's owner, sets them after every
 * migration, so a rotated secret takes effect on the next start; unset (the local run, tests, where
 * everything connects as one superuser) nothing is changed.
 *
 * @param shopPassword of {@code silverjems_shop} ({@code SILVERJEMS_DATABASE_ROLES_SHOPPASSWORD})
 * @param hubPassword of {@code silverjems_hub} ({@code SILVERJEMS_DATABASE_ROLES_HUBPASSWORD})
 * @param monitoringPassword of {@code silverjems_monitoring} ({@code
 *     SILVERJEMS_DATABASE_ROLES_MONITORINGPASSWORD})
 */
@ConfigurationProperties("silverjems.database.roles")
record DatabaseRoleProperties(String shopPassword, String hubPassword, String monitoringPassword) {

  @Override
  public String toString() {
    // Never print a password (actuator's configprops, start-up failures).
    return "DatabaseRoleProperties[shop="
        + set(shopPassword)
        + ", hub="
        + set(hubPassword)
        + ", monitoring="
        + set(monitoringPassword)
        + "]";
  }

  private static String set(String password) {
    return password == null || password.isEmpty() ? "unset" : "set";
  }
}
