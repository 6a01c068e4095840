package com.silverjems.observability.zabbix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Small helpers to run the real servers the tests need. */
final class Servers {

  private Servers() {}

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A free port Zabbix accepts in its configuration files (1024-32767, below the ephemeral range).
   */
  static int freeZabbixPort() {
    java.util.Random random = new java.util.Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20000 + random.nextInt(12000);
      try (ServerSocket socket =
          new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("No free port in 20000-31999");
  }

  static Process start(Path log, List<String> command) {
    try {
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command, e);
    }
  }

  static void stop(Process process) {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String run(Path directory, List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes the configuration of a test agent 2 listening on loopback {@code port}, its log, pid and
   * control socket in {@code work}, including {@code include}.
   */
  static Path agent2Config(Path work, int port, String hostname, int timeoutSeconds, Path include)
      throws IOException {
    Path config = work.resolve("zabbix_agent2.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "Server=127.0.0.1",
            "ListenIP=127.0.0.1",
            "ListenPort=" + port,
            "Hostname=" + hostname,
            "LogType=file",
            "LogFile=" + work.resolve("agent2.log"),
            "PidFile=" + work.resolve("agent2.pid"),
            "ControlSocket=" + work.resolve("agent2.sock"),
            "Timeout=" + timeoutSeconds,
            "Include=" + include,
            ""));
    return config;
  }

  /** Asks the agent on loopback {@code port} for a key, as the Zabbix server does (passive). */
  static String zabbixGet(Path work, Path zabbixGet, int port, int timeoutSeconds, String key) {
    return run(
            work,
            List.of(
                zabbixGet.toString(),
                "-s",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-t",
                String.valueOf(timeoutSeconds),
                "-k",
                key))
        .trim();
  }

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!holds(condition)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static boolean holds(BooleanSupplier condition) {
    try {
      return condition.getAsBoolean();
    } catch (AssertionError | RuntimeException notYet) {
      return false;
    }
  }

  /** Removes a test's scratch folder (the server test copies the 38 MB frontend there). */
  static void delete(Path folder) {
    if (folder == null) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + folder + ": " + e);
    }
  }

  /** Sends Redis commands (RESP) and reads one reply line per command. */
  static List<String> redis(int port, List<List<String>> commands) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      StringBuilder request = new StringBuilder();
      for (List<String> command : commands) {
        request.append('*').append(command.size()).append("\r\n");
        for (String part : command) {
          request
              .append('$')
              .append(part.getBytes(StandardCharsets.UTF_8).length)
              .append("\r\n")
              .append(part)
              .append("\r\n");
        }
      }
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      java.util.ArrayList<String> replies = new java.util.ArrayList<>();
      StringBuilder line = new StringBuilder();
      while (replies.size() < commands.size()) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        if (c == '\n') {
          String reply = line.toString().trim();
          line.setLength(0);
          if (reply.startsWith("$") && !reply.equals("$-1")) {
            continue; // bulk string header: its payload is the next line
          }
          replies.add(reply);
        } else {
          line.append((char) c);
        }
      }
      return replies;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
