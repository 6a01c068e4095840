package com.silverjems.infra.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.config.DeploymentEnvironment;
import com.silverjems.infra.edge.EdgeDistribution;
import com.silverjems.infra.edge.EdgeStandIn;
import com.silverjems.infra.parity.DeployedTemplates.TaskDefinition;
import com.silverjems.infra.storefront.StorefrontRelease;
import com.silverjems.schema.calls.AdminCallSignature;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What infra deploys boots, exactly as configured. The CDK app is synthesised (test and prod); for
 * every ECS task definition that runs one of our images, the container's environment and secret
 * names are read from the template, their values evaluated against local stand-ins ({@link
 * StandIns}), and the component's production jar is started as its Dockerfile runs it ({@link
 * ProductionImage}, {@link ComponentProcess}) with exactly those variables, plus only the AWS SDK's
 * standard endpoint variables. Each must become ready with its route group running; each must stop
 * with a line naming any one variable taken away; and every {@code SILVERJEMS_*} variable a task
 * definition sets must be bound by the component's code.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployedConfigurationIT {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path WORK = Path.of("target", "parity").toAbsolutePath();
  private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(300);
  private static final Pattern STARTED_ROUTE = Pattern.compile("Started ([a-z0-9-]+) \\(");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static DeployedTemplates templates;
  private static LocalAws aws;
  private static StandIns standIns;
  private static Expressions expressions;
  private static final Map<String, ProductionImage> images = new LinkedHashMap<>();
  private static final Map<String, BoundSettings> bound = new LinkedHashMap<>();
  // Package-private with synthesiseAndStandUp, stop and start: StartToReady boots the same jars.
  static final List<Deployed> prod = new ArrayList<>();
  private static final Map<String, ComponentProcess> running = new ConcurrentHashMap<>();
  private static com.github.tomakehurst.wiremock.WireMockServer stripe;

  /** A task definition of ours with its values evaluated against the stand-ins. */
  record Deployed(TaskDefinition task, ProductionImage image, Map<String, String> environment) {
    Optional<String> routesGroup() {
      return Optional.ofNullable(environment.get("ROUTES_GROUPS"));
    }

    String name() {
      return task.containerName();
    }
  }

  @BeforeAll
  static void synthesiseAndStandUp() throws Exception {
    long start = System.nanoTime();
    templates = DeployedTemplates.synthesise();
    lap("synthesis", start);
    aws = LocalAws.start(WORK.resolve("aws"), "redis-" + System.nanoTime());
    lap("stand-ins", start);
    standIns = new StandIns(aws, templates);
    expressions = new Expressions(templates, standIns);
    standIns.evaluatedBy(expressions);
    for (var image :
        List.of(
            ProductionImage.build(
                ROOT.resolve("shop/app/Dockerfile"),
                Path.of(System.getProperty("parity.shop.jar")),
                WORK.resolve("image-shop")),
            ProductionImage.build(
                ROOT.resolve("integration-routes/Dockerfile"),
                Path.of(System.getProperty("parity.routes.jar")),
                WORK.resolve("image-integration-routes")))) {
      images.put(image.repository(), image);
      bound.put(image.repository(), BoundSettings.of(image));
    }
    lap("images", start);
    for (TaskDefinition task : ours()) {
      if (task.env().name().equals("prod")) {
        prod.add(evaluate(task));
      }
    }
    pointThePaymentProviderAtItsStandIn();
    // A Cloud Map name (service.namespace[:port]) in a value is the local process of the ECS
    // service registered under it: what the VPC's private DNS answers in AWS.
    for (Deployed target : prod) {
      for (String host : cloudMapNames(target.task())) {
        Pattern name = Pattern.compile("(?<=//)" + Pattern.quote(host) + "(:\\d+)?");
        for (Deployed deployed : prod) {
          deployed
              .environment()
              .replaceAll(
                  (k, v) ->
                      name.matcher(v)
                          .replaceAll("127.0.0.1:" + target.environment().get("SERVER_PORT")));
        }
      }
    }
  }

  private static void lap(String what, long since) {
    System.out.printf(
        "parity: %s done after %d ms%n", what, (System.nanoTime() - since) / 1_000_000);
  }

  @AfterAll
  static void stop() throws Exception {
    for (ComponentProcess process : running.values()) {
      process.close();
    }
    if (aws != null) {
      aws.close();
    }
    if (stripe != null) {
      stripe.stop();
    }
  }

  @Test
  @Order(1)
  void everyComponentOfOursIsDeployedAndBothEnvironmentsGiveTheSameNames() {
    assertThat(prod)
        .extracting(d -> d.image().repository() + d.routesGroup().map(g -> "/" + g).orElse(""))
        .containsExactlyInAnyOrder(
            "silverjems/shop",
            "silverjems/integration-routes/email",
            "silverjems/integration-routes/delivery-events",
            "silverjems/integration-routes/images");
    // Only prod is booted: test must ask for exactly the same variables (values differ).
    Map<String, Set<String>> namesByEnvironment = new TreeMap<>();
    for (TaskDefinition task : ours()) {
      Set<String> names = new TreeSet<>(task.environment().keySet());
      names.addAll(task.secrets().keySet());
      namesByEnvironment.merge(
          task.containerName(),
          names,
          (a, b) -> {
            assertThat(b).as(task + " asks for the same variables as prod").isEqualTo(a);
            return a;
          });
    }
  }

  @Test
  @Order(2)
  void everySilverjemsVariableIsBoundByTheCode() {
    Map<String, List<String>> unbound = new TreeMap<>();
    for (TaskDefinition task : ours()) {
      BoundSettings code = bound.get(repository(task));
      Stream.concat(task.environment().keySet().stream(), task.secrets().keySet().stream())
          .filter(name -> name.startsWith("SILVERJEMS_"))
          .filter(name -> !code.reads(name))
          .forEach(
              name -> unbound.computeIfAbsent(task.toString(), k -> new ArrayList<>()).add(name));
    }
    assertThat(unbound).as("variables set by a task definition that no setting binds").isEmpty();
  }

  @Test
  @Order(3)
  void everyComponentBecomesReadyWithItsRouteGroupRunning() throws Exception {
    // The shop migrates the database (Flyway); the route groups need its tables.
    Deployed shop = prod.stream().filter(d -> d.routesGroup().isEmpty()).findFirst().orElseThrow();
    List<String> problems = new ArrayList<>();
    boot(shop).ifPresent(problems::add);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Optional<String>>> boots = new ArrayList<>();
      for (Deployed deployed : prod) {
        if (deployed != shop) {
          boots.add(pool.submit(() -> boot(deployed)));
        }
      }
      for (Future<Optional<String>> boot : boots) {
        boot.get().ifPresent(problems::add);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(problems).as("components that did not come up as deployed").isEmpty();

    for (Deployed deployed : prod) {
      ComponentProcess process = running.get(deployed.name());
      if (deployed.routesGroup().isPresent()) {
        assertThat(startedRoutes(process))
            .as(deployed.name() + " runs exactly its group's routes")
            .isEqualTo(routeIds(deployed.routesGroup().get()));
      } else {
        HttpResponse<String> categories =
            HTTP.send(
                HttpRequest.newBuilder(process.uri("/api/categories")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(categories.statusCode()).as("the shop serves its catalogue").isEqualTo(200);
      }
    }
  }

  @Test
  @Order(4)
  void googleSignInSendsGoogleBackToThePublicHttpsAddress() throws Exception {
    Deployed shop = prod.stream().filter(d -> d.routesGroup().isEmpty()).findFirst().orElseThrow();
    ComponentProcess process = running.get(shop.name());
    assertThat(process).as("the shop is running (see the boot test)").isNotNull();
    // As the load balancer forwards it: CloudFront replaced Host with the origin's name and
    // spoke plain HTTP to the load balancer.
    HttpResponse<String> redirect =
        HTTP.send(
            HttpRequest.newBuilder(process.uri("/api/auth/oauth2/authorization/google"))
                .header("X-Forwarded-Proto", "http")
                .header("X-Forwarded-Host", "internal-alb.eu-west-1.elb.amazonaws.com")
                .header("X-Forwarded-Port", "80")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String site = "https://" + siteDomain(shop.task().env());
    String location = redirect.headers().firstValue("Location").orElse("");
    Matcher parameter = Pattern.compile("[?&]redirect_uri=([^&]*)").matcher(location);
    String redirectUri = parameter.find() ? parameter.group(1) : null;
    assertThat(redirectUri).as("redirect_uri sent to Google").isNotNull();
    assertThat(java.net.URLDecoder.decode(redirectUri, java.nio.charset.StandardCharsets.UTF_8))
        .as("redirect_uri sent to Google")
        .isEqualTo(site + "/api/auth/oauth2/code/google");
  }

  @Test
  @Order(5)
  void theShopReachesTheEmailHubsAdminApi() throws Exception {
    Deployed shop = prod.stream().filter(d -> d.routesGroup().isEmpty()).findFirst().orElseThrow();
    Deployed email =
        prod.stream()
            .filter(d -> d.routesGroup().filter("email"::equals).isPresent())
            .findFirst()
            .orElseThrow();
    String hub =
        shop.environment().entrySet().stream()
            .filter(e -> bound.get(shop.image().repository()).reads(e.getKey()))
            .filter(e -> e.getKey().equals(BoundSettings.variableOf("silverjems.email-hub.url")))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    assertThat(hub).as("the shop's task definition gives it silverjems.email-hub.url").isNotNull();
    String path = "/api/admin/email/suppressions";
    HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(hub + path));
    assertThat(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .as("the hub refuses a call the shop did not sign")
        .isEqualTo(401);
    // Signed as the shop signs, with the key its task definition gives it: the hub's task must
    // have been given the same secret.
    String key =
        shop.environment().get(BoundSettings.variableOf("silverjems.email-hub.signing-key"));
    assertThat(key).as("the shop's task definition gives it its signing key").isNotBlank();
    long now = java.time.Instant.now().getEpochSecond();
    String admin = "00000000-0000-0000-0000-0000000000ad";
    HttpResponse<String> suppressions =
        HTTP.send(
            request
                .header(AdminCallSignature.ACTOR_HEADER, admin)
                .header(AdminCallSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(
                    AdminCallSignature.SIGNATURE_HEADER,
                    new AdminCallSignature(key).sign("GET", path, now, admin, new byte[0]))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(suppressions.statusCode())
        .as("the hub answers the shop's signed call at the address the shop is given")
        .isEqualTo(200);
    assertThat(admits(email.task(), shop.task(), email.image().exposedPort()))
        .as("the email service's security group admits the shop on " + email.image().exposedPort())
        .isTrue();
  }

  @Test
  @Order(6)
  void removingAnyOneRequiredVariableStopsStartUpAtOnceWithOneLineNamingIt() throws Exception {
    // What may be left out is listed with its reason, and still set by some task definition.
    Set<String> setByTasks = new TreeSet<>();
    for (Deployed deployed : prod) {
      setByTasks.addAll(deployed.task().environment().keySet());
      setByTasks.addAll(deployed.task().secrets().keySet());
      Object port = deployed.task().environment().get("SERVER_PORT");
      assertThat(String.valueOf(port))
          .as(deployed.name() + ": SERVER_PORT is optional only as the image's own port")
          .isEqualTo(String.valueOf(deployed.image().exposedPort()));
    }
    assertThat(setByTasks)
        .as("optional variables (RequiredVariableTrials.OPTIONAL) a task definition sets")
        .containsAll(RequiredVariableTrials.OPTIONAL.keySet());

    List<RequiredVariableTrials.Trial> trials = RequiredVariableTrials.of(prod);
    long start = System.nanoTime();
    List<RequiredVariableTrials.Outcome> outcomes =
        RequiredVariableTrials.run(trials, aws.trustStore(), WORK.resolve("logs/trials"));
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    Duration slowest =
        outcomes.stream()
            .map(RequiredVariableTrials.Outcome::took)
            .max(Duration::compareTo)
            .orElse(Duration.ZERO);
    System.out.printf(
        "parity: %d removal trials, %d at once, took %d ms (slowest %d ms)%n",
        outcomes.size(), RequiredVariableTrials.PARALLEL, wall.toMillis(), slowest.toMillis());

    assertThat(trials)
        .as("every component has variables to take away")
        .extracting(t -> t.deployed().name())
        .containsAll(prod.stream().map(Deployed::name).toList());
    Map<String, String> failures = new TreeMap<>();
    for (RequiredVariableTrials.Outcome outcome : outcomes) {
      outcome.problem().ifPresent(p -> failures.put(outcome.trial().toString(), p));
    }
    assertThat(failures)
        .as("variables whose absence does not stop start-up with one line naming it")
        .isEmpty();
  }

  @Test
  @Order(7)
  void theReleaseSmokeChecksPassThroughTheEdge() throws Exception {
    Deployed shop = prod.stream().filter(d -> d.routesGroup().isEmpty()).findFirst().orElseThrow();
    ComponentProcess process = running.get(shop.name());
    assertThat(process).as("the shop is running (see the boot test)").isNotNull();
    // CloudFront as the prod template configures it, its VPC origin (the load balancer) being
    // the shop's process, its storefront bucket holding what the release uploads.
    // The maintenance bucket holds what deploy.yml publishes there: infra/maintenance under
    // maintenance/.
    List<StorefrontRelease.StorefrontObject> maintenance =
        StorefrontRelease.of(ROOT.resolve("infra/maintenance")).objects().stream()
            .map(
                o ->
                    new StorefrontRelease.StorefrontObject(
                        "maintenance/" + o.key(), o.content(), o.contentType(), o.cacheControl()))
            .toList();
    try (EdgeStandIn edge =
        EdgeStandIn.builder(EdgeDistribution.synthesized("prod"))
            .origin(EdgeStandIn.API, process.uri(""))
            .storefront(ROOT.resolve("shop/app/src/main/resources/static"))
            .bucket(EdgeStandIn.MAINTENANCE, maintenance)
            .start()) {
      // The script deploy.yml runs, given the site's public https address (the edge answers on
      // loopback here) so that it checks Google's redirect_uri against it.
      SmokeSeed.Accounts accounts = seedWhatTheSmokeChecksNeed(shop, process);
      // What deploy.yml reads from the smoke-checks secret and the webhook's signing key.
      Map<String, String> secrets = new LinkedHashMap<>(accounts.environment());
      secrets.put(
          "SMOKE_WEBHOOK_SECRET",
          // The name infra gives the shop's task (application.yml binds it to the Stripe setting).
          Objects.requireNonNull(shop.environment().get("SILVERJEMS_PAYMENTS_WEBHOOK_SECRET")));
      String site = "https://" + siteDomain(shop.task().env());
      Map.Entry<Integer, String> run = smoke(edge, site, secrets);
      String output = run.getValue();
      assertThat(run.getKey()).as("smoke.sh through the edge:%n%s", output).isZero();
      assertThat(output)
          .as("smoke.sh ran every check of the release (acceptance line 3 of issue 13)")
          .contains(
              "PASS Google sign-in redirect_uri is https://",
              "PASS password sign-in (shopper)",
              "PASS add to cart",
              "PASS checkout",
              "PASS payment webhook (signed with the webhook secret)",
              "PASS admin sign-in (password and TOTP)",
              "PASS admin email page",
              "PASS smoke order cancelled (restocked, never shipped)",
              "PASS order email handed to SES",
              "PASS image upload becomes renditions")
          .doesNotContain("FAIL ");
      assertThat(aws.ses().accepted())
          .as("the SES stand-in received the smoke order's cancellation email")
          .anySatisfy(
              mail -> {
                assertThat(mail.destination()).isEqualToIgnoringCase(accounts.shopperEmail());
                assertThat(mail.message().getSubject()).containsIgnoringCase("cancel");
              });
      theSmokeChecksFailWhenWhatTheyCheckIsBroken(edge, site, secrets);
    }
  }

  /**
   * Stripe's API as the shop's checkout calls it (a payment intent, its cancellation): the one
   * external service besides AWS, reached through its base URL setting in place of
   * https://api.stripe.com as AWS's are through the SDK's endpoint variables.
   */
  private static void pointThePaymentProviderAtItsStandIn() {
    stripe =
        new com.github.tomakehurst.wiremock.WireMockServer(
            com.github.tomakehurst.wiremock.core.WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort());
    stripe.start();
    stripe.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post("/v1/payment_intents")
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"id\":\"pi_parity_{{randomValue length=16 type='ALPHANUMERIC'}}\","
                            + "\"object\":\"payment_intent\","
                            + "\"client_secret\":\"pi_parity_secret_parity\","
                            + "\"status\":\"requires_payment_method\"}")
                    // A new intent per checkout, as Stripe makes one.
                    .withTransformers("response-template")));
    stripe.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlMatching(
                    "/v1/payment_intents/[^/]+/cancel"))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson(
                    "{\"id\":\"pi_parity_smoke\",\"status\":\"canceled\"}")));
    for (Deployed deployed : prod) {
      if (deployed.routesGroup().isEmpty()) {
        deployed
            .environment()
            .put(BoundSettings.variableOf("silverjems.payments.stripe.base-url"), stripe.baseUrl());
      }
    }
  }

  /**
   * What the smoke checks expect of an environment: a catalogue (the demo one, loaded into the
   * shop's database; the cache emptied so the shop reads it), and the smoke accounts, made through
   * the shop's API as CONTRIBUTING describes for production.
   */
  private static SmokeSeed.Accounts seedWhatTheSmokeChecksNeed(
      Deployed shop, ComponentProcess process) throws Exception {
    String database =
        shop.environment().values().stream()
            .map(v -> Pattern.compile("^jdbc:postgresql://[^/]+/([^?]+)").matcher(v))
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .findFirst()
            .orElseThrow();
    SmokeSeed.catalogue(
        aws.database(database),
        ROOT.resolve("schema/src/main/resources/db/demo/R__demo_catalogue.sql"));
    aws.flushCache();
    return SmokeSeed.accounts(process.uri(""), process.output(), aws.ses());
  }

  /** Runs smoke.sh as deploy.yml does, with {@code secrets} as the job's environment. */
  private static Map.Entry<Integer, String> smoke(
      EdgeStandIn edge, String site, Map<String, String> secrets) throws Exception {
    ProcessBuilder script =
        new ProcessBuilder(
                "bash",
                ROOT.resolve(".github/scripts/smoke.sh").toString(),
                edge.baseUrl().toString(),
                site)
            .redirectErrorStream(true);
    script.environment().putAll(secrets);
    Process smoke = script.start();
    String output = new String(smoke.getInputStream().readAllBytes());
    System.out.print(output);
    return Map.entry(smoke.waitFor(), output);
  }

  /**
   * The checks see what they check: a webhook signing key other than the shop's fails the webhook
   * check (and only it: the order is still cancelled, its email still sent); a wrong shopper
   * password fails the sign-in and the purchase, a TOTP secret other than the enrolled one the
   * admin sign-in and what needs it; either run fails.
   */
  private static void theSmokeChecksFailWhenWhatTheyCheckIsBroken(
      EdgeStandIn edge, String site, Map<String, String> secrets) throws Exception {
    Map<String, String> wrongWebhookKey = new LinkedHashMap<>(secrets);
    wrongWebhookKey.put("SMOKE_WEBHOOK_SECRET", "whsec_not_the_shops");
    Map.Entry<Integer, String> run = smoke(edge, site, wrongWebhookKey);
    assertThat(run.getKey()).as("exit code with a wrong webhook key").isNotZero();
    assertThat(run.getValue())
        .contains(
            "FAIL payment webhook (signed with the webhook secret)",
            "PASS checkout",
            "PASS order email handed to SES")
        .containsOnlyOnce("FAIL ");

    Map<String, String> wrongTotp = new LinkedHashMap<>(secrets);
    wrongTotp.put("SMOKE_ADMIN_TOTP_SECRET", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    wrongTotp.put("SMOKE_SHOPPER_PASSWORD", "not-the-shoppers-password");
    // Nothing asynchronous to wait for once the admin is out.
    wrongTotp.put("SMOKE_PATIENCE_SECONDS", "5");
    run = smoke(edge, site, wrongTotp);
    assertThat(run.getKey()).as("exit code with a wrong TOTP secret").isNotZero();
    assertThat(run.getValue())
        .contains(
            "FAIL password sign-in (shopper)",
            "FAIL add to cart",
            "FAIL checkout",
            "FAIL admin sign-in (password and TOTP)",
            "FAIL admin email page",
            "FAIL image upload becomes renditions");
  }

  /** A line names a variable by itself or by a property that variable binds. */
  static boolean names(String line, String variable) {
    if (line.contains(variable)) {
      return true;
    }
    Matcher properties = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+").matcher(line);
    while (properties.find()) {
      if (BoundSettings.variableOf(properties.group()).equals(variable)) {
        return true;
      }
    }
    return false;
  }

  /** Starts a deployed component's production jar as its task definition runs it. */
  static ComponentProcess start(Deployed deployed, Path log) throws IOException {
    Files.createDirectories(log.getParent());
    return ComponentProcess.start(
        deployed.image(),
        deployed.environment(),
        deployed.task().memoryMiB(),
        aws.trustStore(),
        log);
  }

  private static Optional<String> boot(Deployed deployed) throws Exception {
    Path log = WORK.resolve("logs").resolve(deployed.name() + ".log");
    ComponentProcess process = start(deployed, log);
    running.put(deployed.name(), process);
    if (process.awaitReady(BOOT_TIMEOUT)) {
      return Optional.empty();
    }
    List<String> output = process.output();
    return Optional.of(
        deployed.name()
            + " is not ready ("
            + log
            + "), last lines:\n"
            + String.join(
                "\n",
                output.subList(Math.max(0, output.size() - 6), output.size()).stream()
                    .map(line -> line.length() > 600 ? line.substring(0, 600) + "..." : line)
                    .toList()));
  }

  private static Set<String> startedRoutes(ComponentProcess process) {
    Set<String> routes = new TreeSet<>();
    for (String line : process.output()) {
      Matcher matcher = STARTED_ROUTE.matcher(line);
      while (matcher.find()) {
        routes.add(matcher.group(1));
      }
    }
    return routes;
  }

  /**
   * The route ids of a group, read from its package's route builders ({@code .routeId(CONSTANT)}).
   */
  private static Set<String> routeIds(String group) throws Exception {
    String feature =
        switch (group) {
          case "delivery-events" -> "delivery";
          default -> group;
        };
    Path sources =
        ROOT.resolve("integration-routes/src/main/java/com/silverjems/routes/" + feature);
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> files = Files.list(sources)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String source = Files.readString(file);
        Matcher routeId = Pattern.compile("\\.routeId\\((\\w+)\\)").matcher(source);
        while (routeId.find()) {
          Matcher constant =
              Pattern.compile("String " + routeId.group(1) + " = \"([^\"]+)\"").matcher(source);
          assertThat(constant.find()).as(routeId.group(1) + " in " + file).isTrue();
          ids.add(constant.group(1));
        }
      }
    }
    return ids;
  }

  /** The ECS services running this task definition. */
  private static List<DeployedTemplates.Resource> servicesOf(TaskDefinition task) {
    return templates.resourcesOfType(task.env(), "AWS::ECS::Service").stream()
        .filter(s -> s.stack() == task.stack())
        .filter(s -> Map.of("Ref", task.logicalId()).equals(s.properties().get("TaskDefinition")))
        .toList();
  }

  /** {@code service.namespace} of every Cloud Map registration of the task's services. */
  private static List<String> cloudMapNames(TaskDefinition task) {
    List<String> names = new ArrayList<>();
    for (var service : servicesOf(task)) {
      for (Object registry :
          DeployedTemplates.asList(
              service.properties().getOrDefault("ServiceRegistries", List.of()))) {
        Object arn = DeployedTemplates.asMap(registry).get("RegistryArn");
        String discoveryId =
            (String)
                DeployedTemplates.asList(DeployedTemplates.asMap(arn).get("Fn::GetAtt")).get(0);
        var discovery = templates.resource(task.stack(), discoveryId);
        Object namespaceRef =
            DeployedTemplates.asMap(discovery.properties().get("DnsConfig")).get("NamespaceId");
        String namespaceId =
            (String)
                DeployedTemplates.asList(DeployedTemplates.asMap(namespaceRef).get("Fn::GetAtt"))
                    .get(0);
        names.add(
            discovery.property("Name")
                + "."
                + templates.resource(task.stack(), namespaceId).property("Name"));
      }
    }
    return names;
  }

  /** Whether a security group of {@code target}'s service admits one of {@code source}'s. */
  private static boolean admits(TaskDefinition target, TaskDefinition source, int port) {
    List<Object> targetGroups = securityGroups(target);
    List<Object> sourceGroups = securityGroups(source);
    return templates.resourcesOfType(target.env(), "AWS::EC2::SecurityGroupIngress").stream()
        .map(DeployedTemplates.Resource::properties)
        .anyMatch(
            rule ->
                targetGroups.contains(rule.get("GroupId"))
                    && sourceGroups.contains(rule.get("SourceSecurityGroupId"))
                    && String.valueOf(rule.get("FromPort")).equals(String.valueOf(port)));
  }

  private static List<Object> securityGroups(TaskDefinition task) {
    List<Object> groups = new ArrayList<>();
    for (var service : servicesOf(task)) {
      Object network = service.properties().get("NetworkConfiguration");
      Object awsvpc = DeployedTemplates.asMap(network).get("AwsvpcConfiguration");
      groups.addAll(
          DeployedTemplates.asList(DeployedTemplates.asMap(awsvpc).get("SecurityGroups")));
    }
    return groups;
  }

  private static List<TaskDefinition> ours() {
    List<TaskDefinition> ours = new ArrayList<>();
    for (TaskDefinition task : templates.taskDefinitions()) {
      if (images.containsKey(repository(task))) {
        ours.add(task);
      }
    }
    return ours;
  }

  /** The ECR repository of the task's image: {@code <registry>/<repository>:<tag>}. */
  private static String repository(TaskDefinition task) {
    String image = expressions.evaluate(task.image(), task.stack());
    int tag = image.lastIndexOf(':');
    String withoutTag = tag > image.lastIndexOf('/') ? image.substring(0, tag) : image;
    return withoutTag.substring(withoutTag.indexOf('/') + 1);
  }

  private static Deployed evaluate(TaskDefinition task) {
    Map<String, String> environment = new LinkedHashMap<>();
    task.environment().forEach((k, v) -> environment.put(k, expressions.evaluate(v, task.stack())));
    task.secrets()
        .forEach(
            (k, v) -> environment.put(k, standIns.secret(expressions.evaluate(v, task.stack()))));
    ProductionImage image = images.get(repository(task));
    environment.put("SERVER_PORT", String.valueOf(LocalAws.freePort()));
    environment.put("HOSTNAME", task.family());
    environment.putAll(aws.endpointVariables());
    // The database the JDBC URL names, owned by the role of the instance's secret.
    for (String value : environment.values()) {
      Matcher jdbc = Pattern.compile("^jdbc:postgresql://[^/]+/([^?]+)").matcher(value);
      if (jdbc.find()) {
        standIns
            .databaseUsers()
            .forEach((user, password) -> aws.createDatabase(jdbc.group(1), user, password));
      }
    }
    return new Deployed(task, image, environment);
  }

  /** The storefront's public host name: the alias of the environment's CloudFront distribution. */
  private static String siteDomain(DeploymentEnvironment env) {
    var distribution =
        templates.resourcesOfType(env, "AWS::CloudFront::Distribution").stream()
            .findFirst()
            .orElseThrow();
    Object config = distribution.properties().get("DistributionConfig");
    return (String) DeployedTemplates.asList(DeployedTemplates.asMap(config).get("Aliases")).get(0);
  }
}
