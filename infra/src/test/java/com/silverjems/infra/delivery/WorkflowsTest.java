package com.silverjems.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.ciaccess.CiAccessStack;
import com.silverjems.infra.config.Component;
import com.silverjems.infra.config.Environments;
import com.silverjems.infra.edge.EdgeStack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The GitHub workflows: same build as the README, pinned actions, least privilege, no races. */
class WorkflowsTest {

  private static final List<String> WORKFLOWS =
      List.of("ci.yml", "deploy.yml", "deploy-test.yml", "release.yml");
  private static final Pattern PINNED =
      Pattern.compile("^[\\w.-]+/[\\w.-]+(/[\\w./-]+)?@[0-9a-f]{40}$");

  @Test
  void theReadmeHasExactlyTwoCommandsRunThePlatformAndRunTheTests() {
    assertThat(readmeCommands())
        .containsExactly("./mvnw -q -pl local-run -am spring-boot:test-run", "./mvnw verify");
  }

  @Test
  void everyWorkflowBuildsWithTheReadmesTestCommandAndNothingElse() {
    String readmeTestCommand = readmeCommands().get(1);
    for (String workflow : WORKFLOWS) {
      List<String> builds = mavenCommands(workflow);
      if (builds.isEmpty()) {
        // deploy-test and release build through the reusable deploy workflow.
        assertThat(calledWorkflows(workflow))
            .as(workflow)
            .contains("./.github/workflows/deploy.yml");
        continue;
      }
      assertThat(builds)
          .as(workflow + " runs the README's test command (with -B for CI logs)")
          .allSatisfy(
              command -> assertThat(withoutBatchMode(command)).isEqualTo(readmeTestCommand));
    }
    assertThat(mavenCommands("ci.yml")).containsExactly("./mvnw -B verify");
    assertThat(mavenCommands("deploy.yml")).containsExactly("./mvnw -B verify");
    String ciRun = Repository.read(".ci/run");
    assertThat(ciRun.lines().filter(line -> line.startsWith("./mvnw")))
        .containsExactly("./mvnw -B verify");
  }

  @Test
  void ciRunsEveryBenchmarkThatHasATinySizeAtThatSize() throws Exception {
    // A benchmark nobody runs rots: each script under a bench/ folder that offers TINY=1 (issue
    // 18.5) is run by CI that way.
    List<String> tiny = new ArrayList<>();
    try (var files = java.nio.file.Files.walk(Repository.ROOT)) {
      files
          .filter(f -> f.toString().endsWith(".sh"))
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .filter(f -> f.getParent().getFileName().toString().equals("bench"))
          .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
          .filter(f -> Repository.read(Repository.ROOT.relativize(f).toString()).contains("TINY:-"))
          .forEach(f -> tiny.add(Repository.ROOT.relativize(f).toString()));
    }
    assertThat(tiny).contains("bench/start-to-ready.sh", "shop/app/bench/checkout.sh");
    List<String> runs = new ArrayList<>();
    for (Map<String, Object> step : steps("ci.yml")) {
      if (step.get("run") != null) {
        step.get("run").toString().lines().map(String::strip).forEach(runs::add);
      }
    }
    assertThat(runs)
        .as("ci.yml's run lines")
        .contains(tiny.stream().map(s -> "TINY=1 " + s).toList().toArray(String[]::new));
  }

  @Test
  void everyActionIsPinnedToAFullCommitSha() {
    int actions = 0;
    List<Map<String, Object>> all = new ArrayList<>(SETUP_ACTION_STEPS());
    for (String workflow : WORKFLOWS) {
      all.addAll(steps(workflow));
    }
    for (Map<String, Object> step : all) {
      Object uses = step.get("uses");
      if (uses == null || uses.toString().startsWith("./.github/actions/")) {
        continue; // local actions are this repository's own, at this commit
      }
      actions++;
      assertThat(uses.toString()).matches(PINNED);
    }
    assertThat(actions).isGreaterThan(10);
  }

  @Test
  void theDeployBuildSetsUpExactlyAsCiDoesBeforeTheBuild() {
    Map<String, Object> ci = jobs("ci.yml").get("verify");
    Map<String, Object> build = jobs("deploy.yml").get("build");
    List<Map<String, Object>> ciSetup = stepsBefore(ci, "./mvnw -B verify");
    assertThat(stepsBefore(build, "./mvnw -B verify"))
        .as("deploy.yml's build job up to ./mvnw -B verify")
        .isEqualTo(ciSetup);
    assertThat(build.get("runs-on")).isEqualTo(ci.get("runs-on"));
    assertThat(build.get("container")).isEqualTo(ci.get("container"));
    // The set-up itself lives once, in the composite action both use.
    assertThat(ciSetup.stream().map(step -> step.get("uses"))).contains("./.github/actions/setup");
    assertThat(ciSetup.stream().filter(step -> step.containsKey("uses")))
        .as("only the checkout and the shared set-up")
        .hasSize(2);
  }

  @Test
  void aBareJobContainerInstallsExactlyTheDebianPackagesOfCiRun() throws Exception {
    List<String> printed = ciRunPackages();
    assertThat(printed).contains("git", "python3-venv", "chromium", "prometheus");
    for (String workflow : List.of("ci.yml", "deploy.yml")) {
      String job = workflow.equals("ci.yml") ? "verify" : "build";
      List<Map<String, Object>> setup = new ArrayList<>();
      for (Map<String, Object> step : stepsBefore(jobs(workflow).get(job), "./mvnw -B verify")) {
        setup.add(step);
        if ("./.github/actions/setup".equals(step.get("uses"))) {
          setup.addAll(SETUP_ACTION_STEPS());
        }
      }
      java.util.Set<String> installed = new java.util.TreeSet<>();
      boolean ciRunInstalls = false;
      for (Map<String, Object> step : setup) {
        String run = String.valueOf(step.getOrDefault("run", ""));
        installed.addAll(aptInstalls(run));
        ciRunInstalls |= run.lines().anyMatch(line -> line.strip().startsWith(".ci/run"));
        assertThat(run)
            .as(workflow + ": packages come from apt via .ci/run")
            .doesNotContain("snap ");
      }
      assertThat(ciRunInstalls).as(workflow + " runs .ci/run before the build").isTrue();
      // .ci/run installs its whole list; anything else installed would be outside it.
      assertThat(printed).as(workflow).containsAll(installed);
      installed.addAll(printed);
      assertThat(installed).as(workflow).containsExactlyInAnyOrderElementsOf(printed);
    }
    // .ci/run installs exactly what it prints: both come from one array.
    String ciRun = Repository.read(".ci/run");
    assertThat(ciRun).contains("printf '%s\\n' \"${packages[@]}\"");
    assertThat(ciRun).contains("for package in \"${packages[@]}\"; do");
    assertThat(ciRun).contains("apt-get install -y -qq --no-install-recommends \"${missing[@]}\"");
  }

  @Test
  void productionNeverBuildsItPromotesTheDigestsTestVerified() {
    Map<String, Map<String, Object>> deploy = jobs("deploy.yml");
    assertThat(deploy.get("build").get("if")).isEqualTo("inputs.promote-from == ''");
    assertThat(deploy.get("images").get("needs")).isEqualTo("build");
    assertThat(deploy.get("promote").get("if")).isEqualTo("inputs.promote-from != ''");
    Map<?, ?> release = (Map<?, ?>) jobs("release.yml").get("deploy").get("with");
    assertThat(release.get("environment")).isEqualTo("prod");
    assertThat(release.get("promote-from")).isEqualTo("test");
    Map<?, ?> test = (Map<?, ?>) jobs("deploy-test.yml").get("deploy").get("with");
    assertThat(test.get("environment")).isEqualTo("test");
    assertThat(test.containsKey("promote-from")).isFalse();

    // Built once, pushed once; everything after refers to the pushed digests.
    String images = runOf("deploy.yml", "images", "push");
    String promote = runOf("deploy.yml", "promote", "promote");
    List<String> repositories =
        Arrays.stream(Component.values()).map(Component::imageRepository).distinct().toList();
    assertThat(images)
        .startsWith(".github/scripts/push-images.sh \"$REGISTRY\" \"$GITHUB_SHA\"")
        .contains(
            repositories.stream()
                .map(r -> r + "=" + (r.equals("shop") ? "shop/app" : r))
                .toArray(String[]::new));
    assertThat(promote)
        .contains("git rev-parse 'HEAD^{tree}'")
        .contains(
            ".github/scripts/promote-images.sh \"$SOURCE_REGISTRY\" \"$REGISTRY\" \"$tree\""
                + " \"$GITHUB_SHA\" "
                + String.join(" ", repositories));
    assertThat(outputs(deploy.get("plan")).get("images"))
        .isEqualTo("${{ needs.images.outputs.images || needs.promote.outputs.images }}");
    Map<String, Object> render = step(deploy.get("services"), "render");
    assertThat(((Map<?, ?>) render.get("with")).get("image"))
        .isEqualTo("${{ fromJSON(needs.plan.outputs.images)[matrix.image] }}");
    assertThat(Repository.read(".github/workflows/deploy.yml"))
        .as("no image is referred to by a tag after the push")
        .doesNotContain(":${{ github.sha }}");

    // Test marks what it verified, after its smoke checks; production reads that mark.
    Map<String, Object> record = deploy.get("record");
    assertThat(needs(record)).contains("smoke");
    Map<String, Object> mark = namedStep(record, "Mark the images verified");
    assertThat(mark.get("if")).isEqualTo("inputs.promote-from == ''");
    assertThat(mark.get("run").toString())
        .contains(".github/scripts/mark-verified.sh \"$(git rev-parse 'HEAD^{tree}')\"");
    String markScript = Repository.read(".github/scripts/mark-verified.sh");
    String promoteScript = Repository.read(".github/scripts/promote-images.sh");
    assertThat(markScript).contains("--image-tag \"verified-$tree\"");
    assertThat(promoteScript)
        .contains("--image-ids \"imageTag=verified-$tree\"")
        .contains("skopeo copy --preserve-digests");

    // The release notes name the digests production runs.
    Map<?, ?> workflowOutputs =
        (Map<?, ?>) ((Map<?, ?>) on("deploy.yml").get("workflow_call")).get("outputs");
    assertThat(((Map<?, ?>) workflowOutputs.get("images")).get("value"))
        .isEqualTo("${{ jobs.plan.outputs.images }}");
    Map<String, Object> notes = namedStep(jobs("release.yml").get("release-entry"), "Publish");
    assertThat(((Map<?, ?>) notes.get("env")).get("IMAGES"))
        .isEqualTo("${{ needs.deploy.outputs.images }}");
    assertThat(notes.get("run").toString())
        .contains(".github/scripts/release-notes.sh CHANGELOG.md \"$IMAGES\"");
  }

  @Test
  void infrastructureDeploysBeforeTheServicesAndIsDiffedSinceTheDeployedCommit() {
    Map<String, Map<String, Object>> deploy = jobs("deploy.yml");
    assertThat(needs(deploy.get("infrastructure"))).containsExactly("plan");
    assertThat(deploy.get("infrastructure").get("if"))
        .isEqualTo("needs.plan.outputs.infra == 'true'");
    assertThat(needs(deploy.get("services"))).contains("plan", "infrastructure");
    assertThat(deploy.get("services").get("if").toString())
        .as("services roll out after a cdk deploy, or when none was needed")
        .contains("needs.infrastructure.result == 'success'")
        .contains("needs.infrastructure.result == 'skipped'");
    assertThat(needs(deploy.get("storefront"))).contains("services");
    assertThat(needs(deploy.get("smoke"))).contains("storefront");
    assertThat(needs(deploy.get("record"))).contains("smoke");
    assertThat(ancestors(deploy, "record"))
        .contains("build", "images", "promote", "plan", "infrastructure", "services", "storefront");
    // Nothing runs after the services that the services would wait for: no cycle, no deadlock.
    assertThat(ancestors(deploy, "infrastructure")).doesNotContain("services");

    Map<String, Object> plan = deploy.get("plan");
    Map<?, ?> checkout = (Map<?, ?>) ((List<?>) plan.get("steps")).get(0);
    assertThat(((Map<?, ?>) checkout.get("with")).get("fetch-depth")).isEqualTo(0);
    assertThat(step(plan, "changed").get("run"))
        .isEqualTo(".github/scripts/infra-changed.sh \"$PREFIX\"");
    assertThat(outputs(plan).get("infra")).isEqualTo("${{ steps.changed.outputs.infra }}");
    assertThat(Repository.read(".github/workflows/deploy.yml")).doesNotContain("HEAD^ ");
    assertThat(namedStep(deploy.get("record"), "The deployed commit").get("run"))
        .isEqualTo(".github/scripts/record-deployment.sh \"$PREFIX\" \"$GITHUB_SHA\" \"$IMAGES\"");
    assertThat(Repository.read(".github/workflows/deploy.yml"))
        .contains("PREFIX: silverjems-${{ inputs.environment }}");
    // cdk deploy rolls the release's own image (tagged with this commit in this registry).
    assertThat(namedStep(deploy.get("infrastructure"), "cdk deploy").get("run").toString())
        .contains("-c \"imageTag=$GITHUB_SHA\"");
  }

  @Test
  void theReleasePublishesTheStorefrontAndTheMaintenancePageBeforeTheSmokeChecks() {
    Map<String, Object> storefront = jobs("deploy.yml").get("storefront");
    assertThat(namedStep(storefront, "Storefront").get("run"))
        .isEqualTo(
            ".github/scripts/publish-storefront.sh shop/app/src/main/resources/static"
                + " \"$BUCKET\" \"$DISTRIBUTION\"");
    String maintenancePrefix =
        EdgeStack.MAINTENANCE_PAGE.substring(1, EdgeStack.MAINTENANCE_PAGE.lastIndexOf('/') + 1);
    assertThat(namedStep(storefront, "Maintenance page").get("run"))
        .isEqualTo(
            ".github/scripts/publish-storefront.sh infra/maintenance \"$BUCKET\""
                + " \"$DISTRIBUTION\" "
                + maintenancePrefix);
    assertThat(Repository.ROOT.resolve("infra/maintenance/index.html")).isRegularFile();
    assertThat(Repository.read(".github/scripts/smoke.sh"))
        .contains("check " + EdgeStack.MAINTENANCE_PAGE + " text/html");
    Map<String, Object> smoke = jobs("deploy.yml").get("smoke");
    assertThat(namedStep(smoke, "Route 53").get("run"))
        .isEqualTo(".github/scripts/health-gate.sh \"$HEALTH_CHECK\"");
  }

  @Test
  void theSmokeChecksGetTheirSecretsWithTheReleaseRoleBeforeTheyRun() {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps =
        (List<Map<String, Object>>) jobs("deploy.yml").get("smoke").get("steps");
    List<String> order =
        steps.stream()
            .map(s -> String.valueOf(s.getOrDefault("run", s.getOrDefault("uses", ""))))
            .toList();
    int credentials = indexOf(order, "aws-actions/configure-aws-credentials");
    int secrets = indexOf(order, ".github/scripts/smoke-secrets.sh \"$PREFIX\"");
    int smoke = indexOf(order, ".github/scripts/smoke.sh \"$SITE_URL\"");
    assertThat(credentials).as("credentials, then the secrets, then smoke.sh").isLessThan(secrets);
    assertThat(secrets).isLessThan(smoke);
    assertThat(Repository.read(".github/scripts/smoke-secrets.sh"))
        .as("every value is masked before it reaches the job's environment")
        .contains("::add-mask::$value", "::add-mask::$webhook", ">>\"$GITHUB_ENV\"");
  }

  private static int indexOf(List<String> steps, String prefix) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no step " + prefix + " in " + steps);
  }

  @Test
  void permissionsAreLeastPrivilege() {
    for (String workflow : WORKFLOWS) {
      Map<String, Object> document = Repository.yaml(".github/workflows/" + workflow);
      assertThat(document)
          .as(workflow + " declares top-level permissions")
          .containsKey("permissions");
      Object top = document.get("permissions");
      assertThat(top).as(workflow).isIn(Map.of(), Map.of("contents", "read"));
      for (var job : jobs(workflow).entrySet()) {
        Map<?, ?> permissions = (Map<?, ?>) job.getValue().getOrDefault("permissions", Map.of());
        for (var grant : permissions.entrySet()) {
          if (!"write".equals(grant.getValue())) {
            continue;
          }
          String where = workflow + "/" + job.getKey() + ": " + grant.getKey();
          if (grant.getKey().equals("id-token")) {
            // OIDC to AWS, only in jobs that run in a deployment environment (or call them).
            assertThat(
                    job.getValue().containsKey("environment") || job.getValue().containsKey("uses"))
                .as(where)
                .isTrue();
          } else {
            assertThat(where).isEqualTo("release.yml/release-entry: contents");
          }
        }
      }
    }
  }

  @Test
  void twoDeploymentsOfAnEnvironmentNeverRace() {
    for (String workflow : List.of("deploy-test.yml", "release.yml")) {
      Map<?, ?> concurrency =
          (Map<?, ?>) Repository.yaml(".github/workflows/" + workflow).get("concurrency");
      assertThat(concurrency.get("cancel-in-progress")).as(workflow).isEqualTo(false);
      assertThat(concurrency.get("group")).as(workflow).isNotNull();
    }
    Map<?, ?> ci = (Map<?, ?>) Repository.yaml(".github/workflows/ci.yml").get("concurrency");
    assertThat(ci.get("group").toString()).contains("github.ref");
  }

  @Test
  void theCompositeSetUpIsLintedWithTheWorkflows() {
    assertThat(Repository.read(".ci/lint"))
        .contains("git ls-files '.github/actions/*/action.yml'")
        .contains(
            "python3 .ci/workflow_run_steps.py \"$steps\" \"${workflows[@]}\" \"${actions[@]}\"");
  }

  @Test
  void theRolloutCoversEveryComponentWithItsImage() {
    Map<String, Object> services = jobs("deploy.yml").get("services");
    Map<?, ?> matrix = (Map<?, ?>) ((Map<?, ?>) services.get("strategy")).get("matrix");
    List<?> include = (List<?>) matrix.get("include");
    List<String> rolledOut = new ArrayList<>();
    for (Object entry : include) {
      Map<?, ?> row = (Map<?, ?>) entry;
      rolledOut.add(row.get("service") + " <- " + row.get("image"));
    }
    assertThat(rolledOut)
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Component.values())
                .map(c -> c.serviceName() + " <- " + c.imageRepository())
                .toList());
  }

  @Test
  void theWorkflowsAssumeTheRolesAndAlertTheTopicThatInfraCreates() {
    String deploy = Repository.read(".github/workflows/deploy.yml");
    var env = Environments.prod();
    String template = "silverjems-${{ inputs.environment }}";
    assertThat(env.prefix()).isEqualTo(template.replace("${{ inputs.environment }}", "prod"));
    assertThat(deploy)
        .contains("role/" + template + "-github-release")
        .contains("role/" + template + "-github-cdk")
        .contains(":" + template + "-alarms");
    assertThat(CiAccessStack.alarmTopicName(env)).isEqualTo(env.prefix() + "-alarms");
    assertThat(deploy).contains("CLUSTER: " + template);
    assertThat(env.clusterName()).isEqualTo(env.prefix());
  }

  @Test
  void releaseTakesItsNotesFromTheChangelog() {
    assertThat(Repository.read(".github/workflows/release.yml"))
        .contains(".github/scripts/release-notes.sh CHANGELOG.md");
    assertThat(Repository.read(".github/scripts/release-notes.sh"))
        .contains("\"$here/changelog-entry.sh\" \"$changelog\"");
  }

  /** The edge stack outputs every workflow reads, by the names the workflow reads them. */
  static java.util.Set<String> edgeOutputsRead() {
    Matcher matcher =
        Pattern.compile("steps\\.edge\\.outputs\\.(\\w+)")
            .matcher(Repository.read(".github/workflows/deploy.yml"));
    java.util.Set<String> names = new java.util.TreeSet<>();
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  @Test
  void dependabotWatchesMavenNpmActionsAndBaseImages() {
    List<?> updates = (List<?>) Repository.yaml(".github/dependabot.yml").get("updates");
    assertThat(updates.stream().map(u -> String.valueOf(((Map<?, ?>) u).get("package-ecosystem"))))
        .contains("maven", "npm", "github-actions", "docker");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> SETUP_ACTION_STEPS() {
    Map<?, ?> runs = (Map<?, ?>) Repository.yaml(".github/actions/setup/action.yml").get("runs");
    assertThat(runs.get("using")).isEqualTo("composite");
    return (List<Map<String, Object>>) runs.get("steps");
  }

  /** The steps of a job before the one that runs {@code command}, which must exist. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> stepsBefore(Map<String, Object> job, String command) {
    List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
    for (int i = 0; i < steps.size(); i++) {
      if (command.equals(String.valueOf(steps.get(i).get("run")).strip())) {
        return steps.subList(0, i);
      }
    }
    throw new AssertionError("no step runs " + command);
  }

  private static List<String> aptInstalls(String script) {
    List<String> packages = new ArrayList<>();
    Matcher matcher = Pattern.compile("apt-get install ([^\\n>]*)").matcher(script);
    while (matcher.find()) {
      for (String word : matcher.group(1).trim().split("\\s+")) {
        if (!word.startsWith("-") && !word.isEmpty()) {
          packages.add(word);
        }
      }
    }
    return packages;
  }

  private static List<String> ciRunPackages() throws Exception {
    Process process =
        new ProcessBuilder(
                "bash", Repository.ROOT.resolve(".ci/run").toString(), "--print-packages")
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    return out.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }

  private static Map<?, ?> on(String workflow) {
    return (Map<?, ?>) Repository.yaml(".github/workflows/" + workflow).get("on");
  }

  private static Map<?, ?> outputs(Map<String, Object> job) {
    return (Map<?, ?>) job.get("outputs");
  }

  private static List<String> needs(Map<String, Object> job) {
    Object needs = job.get("needs");
    if (needs == null) {
      return List.of();
    }
    return needs instanceof List<?> list
        ? list.stream().map(String::valueOf).toList()
        : List.of(needs.toString());
  }

  private static java.util.Set<String> ancestors(
      Map<String, Map<String, Object>> jobs, String job) {
    java.util.Set<String> found = new java.util.TreeSet<>();
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(needs(jobs.get(job)));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (found.add(next)) {
        todo.addAll(needs(jobs.get(next)));
      }
    }
    return found;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> step(Map<String, Object> job, String id) {
    return ((List<Map<String, Object>>) job.get("steps"))
        .stream()
            .filter(s -> id.equals(s.get("id")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no step " + id));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> namedStep(Map<String, Object> job, String namePrefix) {
    return ((List<Map<String, Object>>) job.get("steps"))
        .stream()
            .filter(s -> String.valueOf(s.get("name")).startsWith(namePrefix))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no step named " + namePrefix + "..."));
  }

  private static String runOf(String workflow, String job, String stepId) {
    return String.valueOf(step(jobs(workflow).get(job), stepId).get("run")).strip();
  }

  private static List<String> readmeCommands() {
    String readme = Repository.read("README.md");
    Matcher block = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("README has a bash block").isTrue();
    return block
        .group(1)
        .lines()
        .map(line -> line.replaceFirst("#.*$", "").strip())
        .filter(line -> !line.isEmpty())
        .toList();
  }

  private static List<String> mavenCommands(String workflow) {
    List<String> commands = new ArrayList<>();
    for (Map<String, Object> step : steps(workflow)) {
      Object run = step.get("run");
      if (run != null) {
        run.toString()
            .lines()
            .map(String::strip)
            .filter(l -> l.contains("./mvnw"))
            .forEach(commands::add);
      }
    }
    return commands;
  }

  private static String withoutBatchMode(String command) {
    return command.replace(" -B ", " ");
  }

  private static List<String> calledWorkflows(String workflow) {
    return jobs(workflow).values().stream()
        .map(job -> job.get("uses"))
        .filter(java.util.Objects::nonNull)
        .map(Object::toString)
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> jobs(String workflow) {
    return (Map<String, Map<String, Object>>)
        Repository.yaml(".github/workflows/" + workflow).get("jobs");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(String workflow) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> job : jobs(workflow).values()) {
      Object steps = job.get("steps");
      if (steps != null) {
        all.addAll((List<Map<String, Object>>) steps);
      }
    }
    return all;
  }
}
