package com.silverjems.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.infra.config.Environments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build once, promote the digest: push-images.sh (test), mark-verified.sh (test, after its smoke
 * checks), promote-images.sh (prod) and release-notes.sh, run against stand-ins for {@code docker},
 * {@code skopeo} and {@code aws ecr} that share one fake set of registries on disk (one folder per
 * account, one file per tag holding its digest), so that what one script stores the next reads.
 */
class PromotionScriptsTest {

  private static final String TEST_ACCOUNT = Environments.test().account();
  private static final String PROD_ACCOUNT = Environments.prod().account();
  private static final String TEST_REGISTRY = TEST_ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com";
  private static final String PROD_REGISTRY = PROD_ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com";
  private static final String TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path bin;
  @TempDir Path registries;
  @TempDir Path work;
  private ScriptRunner scripts;

  @BeforeEach
  void standIns() {
    scripts = new ScriptRunner(bin);
    scripts.env.put("REGISTRIES", registries.toString());
    scripts
        .stub(
            "docker",
            """
            ref="${*: -1}"
            account="${ref%%.*}"; rest="${ref#*/}"; repo="${rest%:*}"; tag="${rest##*:}"
            file="$REGISTRIES/$account/$repo/tags/$tag"
            case "$1" in
              build) ;;
              push) mkdir -p "$(dirname "$file")"
                    echo "sha256:$(printf '%s' "$ref${BUILD_SALT:-}" | sha256sum | cut -c1-64)" > "$file" ;;
              inspect) echo "${ref%:*}@$(cat "$file")" ;;
            esac
            """)
        .stub(
            "skopeo",
            """
            src="${3#docker://}"; dst="${4#docker://}"
            rest="${src#*/}"; digest="${rest#*@}"
            account="${dst%%.*}"; rest="${dst#*/}"; repo="${rest%:*}"; tag="${rest##*:}"
            mkdir -p "$REGISTRIES/$account/$repo/tags"
            echo "${SKOPEO_REENCODES_TO:-$digest}" > "$REGISTRIES/$account/$repo/tags/$tag"
            """)
        .stub(
            "aws",
            """
            all=("$@"); registry="$SELF_ACCOUNT"; repository=""; ids=""; tag=""; digest=""; query=""
            while [ $# -gt 0 ]; do
              case "$1" in
                --registry-id) registry="$2"; shift ;;
                --repository-name) repository="$2"; shift ;;
                --image-ids) ids="$2"; shift ;;
                --image-tag) tag="$2"; shift ;;
                --image-digest) digest="$2"; shift ;;
                --query) query="$2"; shift ;;
              esac
              shift
            done
            dir="$REGISTRIES/$registry/$repository"
            set -- "${all[@]}"
            case "$1 $2" in
              "ecr describe-images")
                case "$ids" in
                  imageTag=*) f="$dir/tags/${ids#imageTag=}"
                    [ -f "$f" ] || { echo "ImageNotFoundException" >&2; exit 254; }; cat "$f" ;;
                  imageDigest=*) d="${ids#imageDigest=}"
                    grep -rqx "$d" "$dir/tags" 2>/dev/null || { echo "ImageNotFoundException" >&2; exit 254; }
                    echo "$d" ;;
                esac ;;
              "ecr batch-get-image")
                case "$query" in
                  *MediaType*) echo "application/vnd.oci.image.manifest.v1+json" ;;
                  *) echo "{\\"manifest-of\\":\\"${ids#imageDigest=}\\"}" ;;
                esac ;;
              "ecr put-image")
                [ -f "$dir/tags/$tag" ] && { echo "ImageTagAlreadyExistsException" >&2; exit 254; }
                mkdir -p "$dir/tags"; echo "$digest" > "$dir/tags/$tag" ;;
              *) echo "unexpected aws $*" >&2; exit 9 ;;
            esac
            """);
  }

  @Test
  void productionRunsExactlyTheDigestsTheTestEnvironmentBuiltAndVerified() throws Exception {
    Map<String, String> built = pushInTest();
    assertThat(built.get("shop")).startsWith(TEST_REGISTRY + "/silverjems/shop@sha256:");

    scripts.env.put("SELF_ACCOUNT", TEST_ACCOUNT);
    ScriptRunner.Result marked = scripts.run(work, "mark-verified.sh", TREE, json(built));
    assertThat(marked.exit()).as(marked.all()).isZero();
    assertThat(scripts.calls())
        .contains("--image-tag verified-" + TREE + " --image-digest " + digest(built.get("shop")));

    Map<String, String> promoted = promote();
    assertThat(promoted.keySet()).containsExactlyInAnyOrderElementsOf(built.keySet());
    for (String name : built.keySet()) {
      assertThat(promoted.get(name))
          .isEqualTo(PROD_REGISTRY + "/silverjems/" + name + "@" + digest(built.get(name)));
      assertThat(registries.resolve(PROD_ACCOUNT + "/silverjems/" + name + "/tags/" + COMMIT))
          .hasContent(digest(built.get(name)));
    }
    assertThat(scripts.calls())
        .contains(
            "skopeo copy --preserve-digests docker://"
                + built.get("shop")
                + " docker://"
                + PROD_REGISTRY
                + "/silverjems/shop:"
                + COMMIT);

    Path changelog = work.resolve("CHANGELOG.md");
    Files.writeString(changelog, "# Changelog\n\n## [Unreleased]\n- Engraving.\n\n## [1.0.0]\n");
    ScriptRunner.Result notes =
        scripts.run(work, "release-notes.sh", changelog.toString(), json(promoted));
    assertThat(notes.exit()).as(notes.all()).isZero();
    assertThat(notes.stdout())
        .startsWith("- Engraving.\n")
        .contains("- `shop`: `silverjems/shop@" + digest(built.get("shop")) + "`")
        .contains(
            "- `integration-routes`: `silverjems/integration-routes@"
                + digest(built.get("integration-routes"))
                + "`");
  }

  @Test
  void aTreeTestNeverVerifiedIsNotPromoted() throws Exception {
    pushInTest(); // built and deployed to test, but its smoke checks never passed: not marked
    scripts.env.put("SELF_ACCOUNT", PROD_ACCOUNT);
    ScriptRunner.Result result =
        scripts.run(work, "promote-images.sh", TEST_REGISTRY, PROD_REGISTRY, TREE, COMMIT, "shop");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.stdout())
        .contains("::error title=Not verified in test::no silverjems/shop image was verified")
        .contains("push this commit to the test branch first");
    assertThat(scripts.calls()).doesNotContain("skopeo");
  }

  @Test
  void aCopyThatChangesTheDigestFailsThePromotion() throws Exception {
    Map<String, String> built = pushInTest();
    scripts.env.put("SELF_ACCOUNT", TEST_ACCOUNT);
    scripts.run(work, "mark-verified.sh", TREE, json(built));
    scripts.env.put("SKOPEO_REENCODES_TO", "sha256:" + "e".repeat(64));
    scripts.env.put("SELF_ACCOUNT", PROD_ACCOUNT);
    ScriptRunner.Result result =
        scripts.run(work, "promote-images.sh", TEST_REGISTRY, PROD_REGISTRY, TREE, COMMIT, "shop");
    assertThat(result.exit()).as(result.all()).isEqualTo(1);
    assertThat(result.stdout()).contains("::error title=Promotion changed the image::");
  }

  @Test
  void aSecondBuildOfAVerifiedTreeCannotTakeOverItsMark() throws Exception {
    Map<String, String> first = pushInTest();
    scripts.env.put("SELF_ACCOUNT", TEST_ACCOUNT);
    assertThat(scripts.run(work, "mark-verified.sh", TREE, json(first)).exit()).isZero();
    assertThat(scripts.run(work, "mark-verified.sh", TREE, json(first)).stdout())
        .contains("already verified");
    scripts.env.put("BUILD_SALT", "rebuilt");
    Map<String, String> second =
        parse(
            scripts
                .run(
                    work,
                    "push-images.sh",
                    TEST_REGISTRY,
                    "fedcba9876543210fedcba9876543210fedcba98",
                    "shop=shop/app")
                .stdout());
    ScriptRunner.Result result = scripts.run(work, "mark-verified.sh", TREE, json(second));
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.stdout()).contains("::error title=Verified tag taken::");
  }

  private Map<String, String> pushInTest() throws Exception {
    scripts.env.put("SELF_ACCOUNT", TEST_ACCOUNT);
    ScriptRunner.Result pushed =
        scripts.run(
            work,
            "push-images.sh",
            TEST_REGISTRY,
            COMMIT,
            "shop=shop/app",
            "integration-routes=integration-routes");
    assertThat(pushed.exit()).as(pushed.all()).isZero();
    assertThat(scripts.calls())
        .contains(
            "docker build --pull -f shop/app/Dockerfile -t "
                + TEST_REGISTRY
                + "/silverjems/shop:"
                + COMMIT
                + " shop/app");
    assertThat(scripts.githubOutput()).startsWith("images={");
    return parse(pushed.stdout());
  }

  private Map<String, String> promote() throws Exception {
    scripts.env.put("SELF_ACCOUNT", PROD_ACCOUNT);
    ScriptRunner.Result promoted =
        scripts.run(
            work,
            "promote-images.sh",
            TEST_REGISTRY,
            PROD_REGISTRY,
            TREE,
            COMMIT,
            "shop",
            "integration-routes");
    assertThat(promoted.exit()).as(promoted.all()).isZero();
    return parse(promoted.stdout());
  }

  private static String digest(String reference) {
    return reference.substring(reference.indexOf('@') + 1);
  }

  /** The scripts' one-line JSON objects of strings are also YAML flow mappings. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> parse(String json) {
    return (Map<String, String>) new org.yaml.snakeyaml.Yaml().load(json.strip());
  }

  private static String json(Map<String, String> images) {
    return images.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
        .collect(java.util.stream.Collectors.joining(",", "{", "}"));
  }
}
