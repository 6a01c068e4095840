package com.silverjems.shop.webui;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.testsupport.OsTool;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The storefront search's "one request in flight, newest text only" rule, run by node's test runner
 * against the very module the pages load ({@code static/js/latest-only.js}).
 */
class LatestOnlyTest {

  @Test
  void searchAsYouTypeNeverHasTwoRequestsInFlight() throws Exception {
    Path node = OsTool.require("node", "nodejs");
    Path module = Path.of("src/main/resources/static/js/latest-only.js").toAbsolutePath();
    Path test = Path.of("src/test/resources/webui/latest-only.test.mjs").toAbsolutePath();
    ProcessBuilder run =
        new ProcessBuilder(node.toString(), "--test", test.toString()).redirectErrorStream(true);
    run.environment().put("LATEST_ONLY_MODULE", module.toUri().toString());
    Process process = run.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("# pass 3").contains("# fail 0");
  }
}
