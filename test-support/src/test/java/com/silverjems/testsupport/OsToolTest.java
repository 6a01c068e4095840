package com.silverjems.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OsToolTest {

  @Test
  void findsAToolOnThePath() {
    assertThat(OsTool.find("sh")).hasValueSatisfying(path -> assertThat(path).isExecutable());
  }

  @Test
  void doesNotInventAMissingTool() {
    assertThat(OsTool.find("no-such-tool-silverjems")).isEmpty();
  }

  @Test
  void aMissingToolStopsTheTestOneWayOrTheOther() {
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> OsTool.require("no-such-tool-silverjems", "no-such-package"));
    if (System.getenv("CI") != null) {
      assertThat(thrown).isInstanceOf(AssertionError.class).hasMessageContaining("CI is set");
    } else {
      assertThat(thrown)
          .isInstanceOf(org.opentest4j.TestAbortedException.class)
          .hasMessageContaining("apt-get install no-such-package");
    }
  }
}
