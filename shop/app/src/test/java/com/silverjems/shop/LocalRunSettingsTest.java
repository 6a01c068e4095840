package com.silverjems.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.silverjems.shop.TestShopApplication.LocalRunSettings;
import com.silverjems.testsupport.LocalRunProblem;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalRunSettingsTest {

  @Test
  void defaultsToPort8080AndAFolderInTheCheckout() {
    LocalRunSettings settings = LocalRunSettings.from(new String[0], Map.of());
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.dataDirectory()).isEqualTo(Path.of(".local-data"));
  }

  @Test
  void theEnvironmentChoosesPortAndFolderAndArgumentsWin() {
    Map<String, String> environment =
        Map.of("SERVER_PORT", "9090", "SILVERJEMS_DATA_DIR", "/srv/x");
    assertThat(LocalRunSettings.from(new String[0], environment))
        .isEqualTo(new LocalRunSettings(Path.of("/srv/x"), 9090));
    assertThat(LocalRunSettings.from(new String[] {"--server.port=7070"}, environment).port())
        .isEqualTo(7070);
  }

  @Test
  void aTakenPortFailsWithOneLineSayingWhatToDo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      LocalRunSettings settings =
          LocalRunSettings.from(new String[] {"--server.port=" + taken.getLocalPort()});

      assertThatThrownBy(settings::checkPortIsFree)
          .isInstanceOf(LocalRunProblem.class)
          .hasMessageStartingWith("Port " + taken.getLocalPort() + " is already in use")
          .hasMessageContaining("SERVER_PORT=8081")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }
}
