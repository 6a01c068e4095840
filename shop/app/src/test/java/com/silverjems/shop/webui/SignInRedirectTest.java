package com.silverjems.shop.webui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.silverjems.testsupport.OsTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Where the storefront and the admin go after signing in ({@code ?next=}): node imports the real
 * modules ({@code js/auth.js}, {@code js/admin/layout.js}) with a browser-like {@code location},
 * and every address that a browser would read as another site falls back to the default page.
 */
class SignInRedirectTest {

  private static final Path STATIC = Path.of("src/main/resources/static").toAbsolutePath();
  private static final String SCRIPT =
      """
      const [base, ...nexts] = process.argv.slice(1);
      globalThis.location = new URL('https://shop.test/sign-in');
      const auth = await import(base + '/js/auth.js');
      const admin = await import(base + '/js/admin/layout.js');
      const out = {};
      for (const next of nexts) {
        location.search = '?next=' + encodeURIComponent(next);
        out[next] = { shop: auth.nextPath(), admin: admin.nextAdminPath() };
      }
      console.log(JSON.stringify(out));
      """;

  @Test
  void onlyPathsOnThisSiteAreFollowed() throws Exception {
    List<String> offSite =
        List.of(
            "/\\evil.example",
            "//evil.example",
            "/\t/evil.example",
            "https://evil.example/",
            "/admin/\\\\evil.example",
            "/admin//evil.example");
    JsonNode answers =
        run(
            List.of(
                "/account",
                "/admin/orders?status=placed",
                "/\\evil.example",
                "//evil.example",
                "/\t/evil.example",
                "https://evil.example/",
                "/admin/\\\\evil.example",
                "/admin//evil.example"));

    assertThat(answers.path("/account").path("shop").asText()).isEqualTo("/account");
    assertThat(answers.path("/admin/orders?status=placed").path("admin").asText())
        .isEqualTo("/admin/orders?status=placed");
    for (String next : offSite) {
      JsonNode answer = answers.path(next);
      assertThat(answer.path("shop").asText()).as("shop next=" + next).isEqualTo("/account");
      assertThat(answer.path("admin").asText())
          .as("admin next=" + next)
          .isEqualTo("/admin/products");
    }
  }

  private static JsonNode run(List<String> nexts) throws Exception {
    Path node = OsTool.require("node", "nodejs");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                node.toString(),
                "--input-type=module",
                "-e",
                SCRIPT,
                "--",
                STATIC.toUri().toString().replaceAll("/$", "")));
    command.addAll(nexts);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return new ObjectMapper().readTree(output);
  }
}
