package com.silverjems.infra.data;

/**
 * The components' PostgreSQL roles, created with their grants by the shop's migration V50 ({@code
 * schema/.../V50__component_roles.sql}); each logs in with its own secret.
 */
public enum DatabaseRole {
  /** The shop API. */
  SHOP("silverjems_shop", "SILVERJEMS_DATABASE_ROLES_SHOPPASSWORD"),
  /** The integration hub's route groups (email, delivery events, images). */
  HUB("silverjems_hub", "SILVERJEMS_DATABASE_ROLES_HUBPASSWORD"),
  /** postgres_exporter and Zabbix's database checks: statistics only (pg_monitor). */
  MONITORING("silverjems_monitoring", "SILVERJEMS_DATABASE_ROLES_MONITORINGPASSWORD");

  private final String username;
  private final String passwordVariable;

  DatabaseRole(String username, String passwordVariable) {
    this.username = username;
    this.passwordVariable = passwordVariable;
  }

  /** The role's name in PostgreSQL, as V50 creates it. */
  public String username() {
    return username;
  }

  /**
   * The shop's variable that sets this role's password after each migration ({@code
   * DatabaseRoleProperties} in the shop).
   */
  public String passwordVariable() {
    return passwordVariable;
  }
}
