package com.silverjems.observability.zabbix;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.testsupport.OsTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent configuration the host's user data writes ({@code zabbix/host/user-data.sh}), read by a
 * real agent 2 the way the host reads it: Debian's packaged {@code zabbix_agent2.conf} (which
 * includes {@code zabbix_agent2.d/*.conf} and {@code zabbix_agent2.d/plugins.d/*.conf}) with the
 * UserParameters file and the Redis plugin session the user data puts there. Agent 2 loads every
 * plugin's configuration before it tests an item, so an unknown or misspelt parameter fails here.
 */
class UserDataAgentConfigIT {

  private Path work;

  @BeforeEach
  void scratch() throws Exception {
    work = Files.createTempDirectory("agent-config");
  }

  @AfterEach
  void clean() {
    Servers.delete(work);
  }

  @Test
  void agent2AcceptsTheConfigurationTheUserDataWrites() throws Exception {
    Path etc = installUserDataConfiguration(redisPluginConf(userData()));
    Path agent2 = OsTool.require("zabbix_agent2", "zabbix-agent2", "/usr/sbin/zabbix_agent2");
    String ping = agentTest(agent2, etc, "agent.ping");
    assertThat(ping).contains("[s|1]");
    // The UserParameters the user data places in zabbix_agent2.d are loaded (a closed port: 0).
    String userParameter =
        agentTest(agent2, etc, "silverjems.pgsql.ping[127.0.0.1," + Servers.freePort() + ",x,y]");
    assertThat(userParameter).contains("[s|0]").doesNotContain("NOTSUPPORTED");
  }

  @Test
  void aMisspeltPluginParameterIsRejectedByTheSameCheck() throws Exception {
    String conf = redisPluginConf(userData()).replace(".Uri=", ".Url=");
    Path etc = installUserDataConfiguration(conf);
    Path agent2 = OsTool.require("zabbix_agent2", "zabbix-agent2", "/usr/sbin/zabbix_agent2");
    Process process =
        new ProcessBuilder(command(agent2, etc, "agent.ping"))
            .directory(work.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isNotZero();
    assertThat(output).contains("Plugins.Redis.Sessions.elasticache.Url");
  }

  private static String userData() throws Exception {
    return Files.readString(Templates.root().resolve("host/user-data.sh"));
  }

  /** The Redis plugin file as the user data writes it, its shell variables filled in. */
  static String redisPluginConf(String userData) {
    Matcher heredoc =
        Pattern.compile(
                "plugins\\.d/silverjems-redis\\.conf <<REDIS\\n(.*?)\\nREDIS\\n", Pattern.DOTALL)
            .matcher(userData);
    assertThat(heredoc.find()).as("the Redis plugin heredoc of user-data.sh").isTrue();
    Matcher session = Pattern.compile("\\nREDIS_SESSION='([^']+)'\\n").matcher(userData);
    assertThat(session.find()).isTrue();
    return heredoc
            .group(1)
            .replace("${REDIS_SESSION}", session.group(1))
            .replace("${CACHE_TOKEN}", "auth-token")
            .replace("\\$", "$")
        + "\n";
  }

  /** Debian's agent 2 configuration under {@code work/etc}, with the user data's files inside. */
  private Path installUserDataConfiguration(String redisPluginConf) throws Exception {
    Path packaged = Path.of("/etc/zabbix");
    Path packagedConf = packaged.resolve("zabbix_agent2.conf");
    if (!Files.isRegularFile(packagedConf)) {
      OsTool.require("zabbix_agent2.conf-is-missing", "zabbix-agent2");
    }
    Path etc = Files.createDirectories(work.resolve("etc"));
    Servers.run(
        work,
        List.of(
            "cp",
            "-r",
            packaged.resolve("zabbix_agent2.d").toString(),
            etc.resolve("zabbix_agent2.d").toString()));
    String conf =
        Files.readString(packagedConf)
            .replace("/etc/zabbix/", etc + "/")
            .replaceAll("(?m)^(LogFile|PidFile|ControlSocket)=.*$", "")
            .concat(
                String.join(
                    "\n",
                    "",
                    "LogType=console",
                    "PidFile=" + work.resolve("agent2.pid"),
                    "ControlSocket=" + work.resolve("agent2.sock"),
                    ""));
    Files.writeString(etc.resolve("zabbix_agent2.conf"), conf);
    Files.copy(
        Templates.userParameters(),
        etc.resolve("zabbix_agent2.d/userparameter_silverjems_pgsql.conf"));
    Files.writeString(
        etc.resolve("zabbix_agent2.d/plugins.d/silverjems-redis.conf"), redisPluginConf);
    return etc;
  }

  private List<String> command(Path agent2, Path etc, String item) {
    List<String> command = new ArrayList<>(List.of(agent2.toString(), "-c"));
    command.add(etc.resolve("zabbix_agent2.conf").toString());
    command.addAll(List.of("-t", item));
    return command;
  }

  private String agentTest(Path agent2, Path etc, String item) {
    return Servers.run(work, command(agent2, etc, item));
  }
}
