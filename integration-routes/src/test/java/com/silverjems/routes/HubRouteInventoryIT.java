package com.silverjems.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.routes.email.SignedAdminCalls;
import com.silverjems.schema.calls.AdminCallSignature;
import com.silverjems.testsupport.TestPostgres;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every HTTP route the hub serves, every route group running, read from its handler mappings: each
 * has an explicit decision, and the decision is what the running hub does. The admin API answers
 * only calls the shop signed; the rest is health and metrics, which the load balancer and the
 * collector read and which change nothing.
 */
class HubRouteInventoryIT {

  /** Routes anyone who reaches the hub's port may call: each says why. */
  private static final Map<String, String> OPEN =
      Map.of(
          "/actuator/health", "the load balancer's and ECS's health checks",
          "/actuator/health/**", "liveness and readiness groups, read by ECS",
          "/actuator/info", "build information, nothing secret",
          "/actuator/prometheus", "the collector's scrape (issue 14); counts only",
          "/error", "Spring Boot's error answer, rendered for any refused request");

  /** Everything under it needs the shop's signature. */
  private static final String SIGNED_PREFIX = "/api/admin/";

  @TempDir static Path data;
  static TestIntegrationRoutesApplication.LocalHub hub;
  static SignedAdminCalls calls;

  @BeforeAll
  static void startEveryGroup() {
    TestPostgres.Database database = TestPostgres.shared().newDatabase("hub_route_inventory");
    hub =
        TestIntegrationRoutesApplication.start(
            database.jdbcUrl(),
            data,
            0,
            0,
            0,
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password(),
            "--silverjems.admin-api.signing-key=" + SignedAdminCalls.TEST_KEY);
    calls =
        new SignedAdminCalls(
            Integer.parseInt(hub.context().getEnvironment().getProperty("local.server.port")));
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  record Route(String method, String pattern) {
    String samplePath() {
      return pattern
          .replaceAll("\\{\\*[^}]+}", "a/b")
          .replaceAll("\\{id}", "1")
          .replaceAll("\\{[^}]+}", "sample@example.com")
          .replace("**", "liveness")
          .replace("*", "a");
    }

    @Override
    public String toString() {
      return method + " " + pattern;
    }
  }

  static List<Route> routes() {
    Set<String> seen = new TreeSet<>();
    List<Route> routes = new ArrayList<>();
    for (RequestMappingInfoHandlerMapping mapping :
        hub.context().getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
        List<String> methods =
            declared.isEmpty()
                ? List.of("GET", "POST")
                : declared.stream().map(RequestMethod::name).toList();
        for (String pattern : info.getPatternValues()) {
          for (String method : methods) {
            if (seen.add(method + " " + pattern)) {
              routes.add(new Route(method, pattern));
            }
          }
        }
      }
    }
    for (AbstractUrlHandlerMapping mapping :
        hub.context().getBeansOfType(AbstractUrlHandlerMapping.class).values()) {
      for (String pattern : mapping.getHandlerMap().keySet()) {
        if (seen.add("GET " + pattern)) {
          routes.add(new Route("GET", pattern));
        }
      }
    }
    return routes;
  }

  private static String normalised(String pattern) {
    return pattern.replaceAll("/\\{\\*[^}]+}$", "/**");
  }

  @Test
  void everyRouteHasADecision() {
    List<Route> routes = routes();
    assertThat(routes)
        .as("the hub serves its admin API")
        .anyMatch(r -> r.pattern().startsWith(SIGNED_PREFIX));
    List<Route> undecided =
        routes.stream()
            .filter(r -> !r.pattern().startsWith(SIGNED_PREFIX))
            .filter(r -> !OPEN.containsKey(normalised(r.pattern())))
            .toList();
    assertThat(undecided)
        .as("routes neither signed-only nor listed as open, with a reason, in HubRouteInventoryIT")
        .isEmpty();
  }

  @Test
  void theAdminApiRefusesEveryCallTheShopDidNotSign() throws Exception {
    List<Route> admin =
        routes().stream().filter(r -> r.pattern().startsWith(SIGNED_PREFIX)).toList();
    assertThat(admin).hasSizeGreaterThanOrEqualTo(4);
    for (Route route : admin) {
      String path = route.samplePath();
      assertRefused(route, "unsigned", calls.request(route.method(), path));
      long now = Instant.now().getEpochSecond();
      AdminCallSignature wrongKey = new AdminCallSignature("another-key-another-key-another-key-0");
      assertRefused(
          route,
          "signed with another key",
          calls.signedAs(wrongKey, route.method(), path, path, now));
      AdminCallSignature key = new AdminCallSignature(SignedAdminCalls.TEST_KEY);
      long old = now - AdminCallSignature.VALIDITY.toSeconds() - 5;
      assertRefused(
          route,
          "replayed after its validity",
          calls.signedAs(key, route.method(), path, path, old));
      assertRefused(
          route,
          "signed for another admin",
          calls
              .signed(route.method(), path)
              .setHeader(AdminCallSignature.ACTOR_HEADER, "00000000-0000-0000-0000-000000000bad"));
      assertRefused(
          route,
          "signed for another path",
          calls.signedAs(key, route.method(), path + "x", path, now));
      assertRefused(
          route,
          "with a body it was not signed for",
          calls
              .signed(route.method(), path)
              .method(route.method(), HttpRequest.BodyPublishers.ofString("{\"all\":true}")));
      HttpResponse<String> signed = calls.send(route.method(), path);
      assertThat(signed.statusCode()).as(route + " signed by the shop").isNotEqualTo(401);
    }
  }

  @Test
  void openRoutesAnswerWithoutASignature() throws Exception {
    for (Route route : routes()) {
      if (OPEN.containsKey(normalised(route.pattern())) && route.method().equals("GET")) {
        HttpResponse<String> answer = calls.unsigned("GET", route.samplePath());
        assertThat(answer.statusCode()).as(route.toString()).isNotEqualTo(401);
      }
    }
  }

  /** No route holds SQL: every camel-sql endpoint of every group reads a statement file. */
  @Test
  void everySqlEndpointReadsItsStatementFromAFile() {
    List<String> sql =
        hub.context().getBean(CamelContext.class).getEndpoints().stream()
            .map(Endpoint::getEndpointUri)
            .filter(uri -> uri.startsWith("sql:"))
            .toList();
    assertThat(sql).as("camel-sql endpoints, every group running").hasSizeGreaterThanOrEqualTo(5);
    assertThat(sql)
        .as("camel-sql endpoints: statements belong in src/main/resources/<group>/*.sql")
        .allMatch(uri -> uri.matches("sql:(//)?classpath:[a-z-]+/[a-z-]+\\.sql(\\?.*)?"));
  }

  private static void assertRefused(Route route, String how, HttpRequest.Builder request)
      throws Exception {
    HttpResponse<String> answer =
        calls.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(route + " " + how).isEqualTo(401);
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .as(route + " " + how)
        .startsWith("application/problem+json");
  }
}
