package com.silverjems.shop.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

/**
 * After Flyway has migrated (as the database's owner), gives each component's role (V50) the
 * password of its secret. Flyway runs before the shop connects as its own role, so the shop's first
 * connection already works; the hub, which needs the shop's migrations anyway, starts once the shop
 * has run once.
 */
@Component
class DatabaseRolePasswords implements Callback {

  private final Map<String, String> passwords = new LinkedHashMap<>();

  DatabaseRolePasswords(DatabaseRoleProperties properties) {
    put("silverjems_shop", properties.shopPassword());
    put("silverjems_hub", properties.hubPassword());
    put("silverjems_monitoring", properties.monitoringPassword());
  }

  private void put(String role, String password) {
    if (password != null && !password.isEmpty()) {
      passwords.put(role, password);
    }
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.AFTER_MIGRATE && !passwords.isEmpty();
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    Connection connection = context.getConnection();
    passwords.forEach((role, password) -> setPassword(connection, role, password));
  }

  private static void setPassword(Connection connection, String role, String password) {
    // ALTER ROLE takes no bind parameters: PostgreSQL quotes the literal itself, so no password
    // character can end the statement.
    try (PreparedStatement quote = connection.prepareStatement("SELECT quote_literal(?)")) {
      quote.setString(1, password);
      try (ResultSet quoted = quote.executeQuery();
          Statement alter = connection.createStatement()) {
        quoted.next();
        alter.execute("ALTER ROLE " + role + " WITH LOGIN PASSWORD " + quoted.getString(1));
      }
    } catch (SQLException e) {
      throw new RolePasswordNotSet(role, e);
    }
  }

  @Override
  public String getCallbackName() {
    return "component role passwords";
  }

  /** The migrating user could not set a component role's password. */
  static final class RolePasswordNotSet extends IllegalStateException {
    RolePasswordNotSet(String role, SQLException cause) {
      // The message names the role only: the SQL state says why, the statement held the password.
      super("could not set the password of database role " + role + ": " + cause.getSQLState());
    }
  }
}
