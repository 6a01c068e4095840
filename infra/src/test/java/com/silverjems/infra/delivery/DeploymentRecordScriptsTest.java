package com.silverjems.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.ciaccess.CiAccessStack;
import com.silverjems.infra.config.Environments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * infra-changed.sh and record-deployment.sh, on a real git history, with a stand-in {@code aws}
 * that answers {@code ssm get-parameter} from $DEPLOYED (ParameterNotFound when empty).
 */
class DeploymentRecordScriptsTest {

  private static final String SHOP = "sha256:" + "a".repeat(64);
  private static final String ROUTES = "sha256:" + "b".repeat(64);

  @TempDir Path bin;
  @TempDir Path repo;
  private ScriptRunner scripts;

  @BeforeEach
  void standIns() {
    scripts =
        new ScriptRunner(bin)
            .stub(
                "aws",
                """
                case "$1 $2" in
                  "ssm get-parameter")
                    if [ -n "${DEPLOYED:-}" ]; then echo "$DEPLOYED"; exit 0; fi
                    echo "An error occurred (ParameterNotFound) when calling the GetParameter operation" >&2
                    exit 254 ;;
                  "ssm put-parameter") ;;
                  *) echo "unexpected aws $*" >&2; exit 9 ;;
                esac
                """);
  }

  @Test
  void anInfraChangeEarlierInTheRangeIsDeployedEvenWhenTheLastCommitDidNotTouchInfra()
      throws Exception {
    String deployed = commit("infra/src/Stack.java", "v1", "first infra");
    commit("infra/src/Stack.java", "v2", "new setting");
    commit("shop/Cart.java", "fix", "a shop fix, pushed with the infra change");

    // HEAD^..HEAD alone would say no: the range since the deployed commit says yes.
    assertThat(git("diff", "--name-only", "HEAD^", "HEAD", "--", "infra")).isEmpty();
    scripts.env.put("DEPLOYED", deployed);
    ScriptRunner.Result result = scripts.run(repo, "infra-changed.sh", "silverjems-prod");
    assertThat(result.exit()).as(result.all()).isZero();
    assertThat(result.stdout()).contains("1 file(s) of infra grafana-provisioning zabbix changed");
    assertThat(scripts.githubOutput()).contains("infra=true\n").contains("since=" + deployed);
    assertThat(scripts.calls())
        .contains(
            "aws ssm get-parameter --name /silverjems-prod/release/deployed-commit"
                + " --query Parameter.Value --output text");
  }

  @Test
  void nothingChangedSinceTheDeployedCommitSkipsTheCdkDeploy() throws Exception {
    commit("infra/src/Stack.java", "v1", "infra");
    String deployed = commit("grafana-provisioning/rules/a.yml", "r1", "rules");
    commit("shop/Cart.java", "fix", "shop only");
    commit("README.md", "docs", "docs only");
    scripts.env.put("DEPLOYED", deployed);
    ScriptRunner.Result result = scripts.run(repo, "infra-changed.sh", "silverjems-test");
    assertThat(result.exit()).as(result.all()).isZero();
    assertThat(scripts.githubOutput()).contains("infra=false\n");
  }

  @Test
  void theProvisioningFilesTheCdkAppLoadsCountAsInfrastructure() throws Exception {
    String deployed = commit("infra/src/Stack.java", "v1", "infra");
    commit("grafana-provisioning/rules/a.yml", "r2", "a rule changed");
    scripts.env.put("DEPLOYED", deployed);
    scripts.run(repo, "infra-changed.sh", "silverjems-test");
    assertThat(scripts.githubOutput()).contains("infra=true\n");
  }

  @Test
  void everyRepositoryFolderTheCdkAppReadsIsWatched() throws Exception {
    // The CDK app reaches other top-level folders by name: resolve("x") / resolveSibling("x").
    java.util.Set<String> read = new java.util.TreeSet<>();
    java.util.regex.Pattern literal =
        java.util.regex.Pattern.compile("resolve(?:Sibling)?\\(\"([\\w-]+)\"\\)");
    try (var sources = Files.walk(Repository.ROOT.resolve("infra/src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        var matcher = literal.matcher(Files.readString(source));
        while (matcher.find()) {
          if (Files.isDirectory(Repository.ROOT.resolve(matcher.group(1)))) {
            read.add(matcher.group(1));
          }
        }
      }
    }
    assertThat(read).contains("grafana-provisioning", "zabbix");
    String watched =
        Repository.read(".github/scripts/infra-changed.sh")
            .lines()
            .filter(line -> line.strip().startsWith("paths=(infra "))
            .findFirst()
            .orElseThrow();
    assertThat(watched.strip().replace("paths=(", "").replace(")", "").split(" "))
        .containsAll(read);
  }

  @Test
  void theRepositoryFoldersOfTheCdkAppAreWatchedByDefault() throws Exception {
    String deployed = commit("infra/src/Stack.java", "v1", "infra");
    commit("zabbix/host/user-data.sh", "echo agent", "the Zabbix host's user data");
    scripts.env.put("DEPLOYED", deployed);
    scripts.run(repo, "infra-changed.sh", "silverjems-test");
    assertThat(scripts.githubOutput()).contains("infra=true\n");
  }

  @Test
  void noRecordOrAnUnknownCommitDeploysTheInfrastructure() throws Exception {
    commit("shop/Cart.java", "fix", "shop only");
    ScriptRunner.Result none = scripts.run(repo, "infra-changed.sh", "silverjems-prod");
    assertThat(none.exit()).isZero();
    assertThat(none.stdout()).contains("no deployed commit recorded");
    assertThat(scripts.githubOutput()).contains("infra=true\n");

    scripts.reset();
    scripts.env.put("DEPLOYED", "0123456789abcdef0123456789abcdef01234567");
    ScriptRunner.Result unknown = scripts.run(repo, "infra-changed.sh", "silverjems-prod");
    assertThat(unknown.stdout()).contains("is not in this clone's history");
    assertThat(scripts.githubOutput()).contains("infra=true\n");
  }

  @Test
  void theRecordIsWrittenWhereTheReleaseRoleMayWriteItCommitLast() {
    String images =
        "{\"shop\":\"1.dkr.ecr.eu-west-1.amazonaws.com/silverjems/shop@"
            + SHOP
            + "\",\"integration-routes\":\"1.dkr.ecr.eu-west-1.amazonaws.com/silverjems/integration-routes@"
            + ROUTES
            + "\"}";
    ScriptRunner.Result result =
        scripts.run(repo, "record-deployment.sh", "silverjems-prod", "c0ffee", images);
    assertThat(result.exit()).as(result.all()).isZero();
    List<String> calls = scripts.calls().lines().toList();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0))
        .startsWith("aws ssm put-parameter --name /silverjems-prod/release/deployed-images")
        .contains(SHOP)
        .contains(ROUTES);
    assertThat(calls.get(1))
        .isEqualTo(
            "aws ssm put-parameter --name /silverjems-prod/release/deployed-commit --type String"
                + " --overwrite --value c0ffee");
    // The parameters are the ones the release role is granted.
    assertThat(CiAccessStack.releaseRecordArn(Environments.prod()))
        .endsWith(":parameter/silverjems-prod/release/*");
  }

  @Test
  void aRecordWithoutDigestsIsRefused() {
    ScriptRunner.Result result =
        scripts.run(
            repo, "record-deployment.sh", "silverjems-prod", "c0ffee", "{\"shop\":\"x:latest\"}");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.stderr()).contains("must be a JSON object of digest references");
    assertThat(scripts.calls()).isEmpty();
  }

  private String commit(String file, String content, String message) throws Exception {
    if (!Files.exists(repo.resolve(".git"))) {
      git("init", "-q", "-b", "main");
    }
    Path path = repo.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
    git("add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message);
    return git("rev-parse", "HEAD").strip();
  }

  private String git(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
