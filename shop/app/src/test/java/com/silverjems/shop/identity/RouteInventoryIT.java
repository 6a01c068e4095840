package com.silverjems.shop.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.shop.testing.Browser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Deny by default, proven over every route the shop registers: each has an explicit access
 * decision, and each non-public one answers 401 without a session and 403 with the wrong one.
 */
class RouteInventoryIT extends IdentityIT {

  @Autowired ApplicationContext context;

  @Test
  void everyRegisteredRouteHasAnExplicitDecision() {
    List<RouteInventory.Route> routes = RouteInventory.of(context);
    assertThat(routes)
        .extracting(Object::toString)
        .contains(
            "GET /api/products",
            "POST /api/auth/login",
            "GET /api/account",
            "GET /api/admin/mfa",
            "GET /actuator/health",
            "GET /error");

    assertThat(RouteInventory.undecided(routes))
        .as(
            "routes with no rule in ApiAccessRules (add one: public, shopper, admin, ...; see"
                + " CONTRIBUTING.md)")
        .isEmpty();
  }

  @Test
  void everyNonPublicRouteAnswers401WithoutASessionAnd403WithTheWrongOne() {
    String shopperEmail = uniqueEmail("shopper");
    account(shopperEmail, "shopper password 1");
    Browser shopper = signedIn(shopperEmail, "shopper password 1");
    Admin admin = enrolledAdmin();
    Browser adminPasswordOnly = signedIn(admin.email(), admin.password());
    String newAdminEmail = uniqueEmail("new-admin");
    account(newAdminEmail, "admin password 12", "SHOPPER", "ADMIN");
    Browser adminWithoutFactor = signedIn(newAdminEmail, "admin password 12");

    SoftAssertions softly = new SoftAssertions();
    List<String> checked = new ArrayList<>();
    for (RouteInventory.Route route : RouteInventory.of(context)) {
      ApiAccessRules.Access access = route.decision().orElseThrow().access();
      String path = route.samplePath();
      Object body = route.method().equals("GET") ? null : Map.of();
      int anonymous = browser().send(route.method(), path, body).status();
      switch (access) {
        case PUBLIC, STATIC_ASSET ->
            softly.assertThat(anonymous).as("%s without a session", route).isNotIn(401, 403);
        case SHOPPER -> {
          softly.assertThat(anonymous).as("%s without a session", route).isEqualTo(401);
          softly
              .assertThat(adminPasswordOnly.send(route.method(), path, body).status())
              .as("%s with a password-only admin session", route)
              .isEqualTo(403);
        }
        case ADMIN -> {
          softly.assertThat(anonymous).as("%s without a session", route).isEqualTo(401);
          softly
              .assertThat(shopper.send(route.method(), path, body).status())
              .as("%s with a shopper session", route)
              .isEqualTo(403);
          softly
              .assertThat(adminPasswordOnly.send(route.method(), path, body).status())
              .as("%s with a password-only admin session", route)
              .isEqualTo(403);
        }
        case MFA_PENDING -> {
          softly.assertThat(anonymous).as("%s without a session", route).isEqualTo(401);
          softly
              .assertThat(shopper.send(route.method(), path, body).status())
              .as("%s with a shopper session", route)
              .isEqualTo(403);
          softly
              .assertThat(adminWithoutFactor.send(route.method(), path, body).status())
              .as("%s before enrolment", route)
              .isEqualTo(403);
        }
        case MFA_ENROLMENT -> {
          softly.assertThat(anonymous).as("%s without a session", route).isEqualTo(401);
          softly
              .assertThat(shopper.send(route.method(), path, body).status())
              .as("%s with a shopper session", route)
              .isEqualTo(403);
          softly
              .assertThat(adminPasswordOnly.send(route.method(), path, body).status())
              .as("%s for an admin already enrolled", route)
              .isEqualTo(403);
        }
      }
      checked.add(route + " " + access);
    }
    softly.assertAll();
    assertThat(checked).anyMatch(c -> c.endsWith("ADMIN")).anyMatch(c -> c.endsWith("SHOPPER"));
  }

  @Test
  void aPathNoRouteServesIsDeniedToo() {
    assertThat(browser().get("/api/not-a-route").status()).isEqualTo(401);
    assertThat(browser().post("/api/products", Map.of()).status()).isEqualTo(401);
    String email = uniqueEmail("curious");
    account(email, "shopper password 2");
    assertThat(signedIn(email, "shopper password 2").get("/api/not-a-route").status())
        .isEqualTo(403);
  }
}
