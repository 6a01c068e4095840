package com.silverjems.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.silverjems.localrun.LocalRun.LocalRunSettings;
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
        .isEqualTo(new LocalRunSettings(Path.of("/srv/x"), 9090, 8025, 9000));
    assertThat(LocalRunSettings.from(new String[] {"--server.port=7070"}, environment).port())
        .isEqualTo(7070);
  }

  @Test
  void theEnvironmentMovesTheMailPageAndS3AndTheSdkFollowsS3() {
    LocalRunSettings settings =
        LocalRunSettings.from(
            new String[0],
            Map.of(
                "SERVER_PORT",
                "26080",
                "SILVERJEMS_MAIL_PORT",
                "26025",
                "SILVERJEMS_S3_PORT",
                "26900"));

    assertThat(settings.mailPort()).isEqualTo(26025);
    assertThat(settings.s3Port()).isEqualTo(26900);
    assertThat(settings.awsSdkSettings())
        .containsEntry("aws.endpointUrlS3", "http://127.0.0.1:26900")
        .containsEntry("aws.requestChecksumCalculation", "when_required");
    assertThat(settings.springDefaults("jdbc:postgresql://x/y"))
        .containsEntry("silverjems.catalog.images-base-url", "http://localhost:26080/")
        .containsEntry("silverjems.images.upload-bucket", "silverjems-uploads");
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
