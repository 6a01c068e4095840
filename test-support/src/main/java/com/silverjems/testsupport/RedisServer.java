package com.silverjems.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A real redis-server (Debian's) on a free loopback port, that a test can stop and restart. */
public final class RedisServer implements AutoCloseable {

  private final Path binary;
  private final int port;
  private String maxMemory;
  private Process process;

  private RedisServer(Path binary, int port) {
    this.binary = binary;
    this.port = port;
  }

  /**
   * Caps its memory (redis-server's {@code --maxmemory}, e.g. {@code 64mb}) and evicts the least
   * recently used keys beyond it, as ElastiCache does; from the next {@link #start}.
   */
  public RedisServer maxMemory(String size) {
    this.maxMemory = size;
    return this;
  }

  /** Requires redis-server ({@link OsTool}: fails under CI, skips elsewhere when missing). */
  public static RedisServer onFreePort() {
    Path binary = OsTool.require("redis-server", "redis-server");
    try (ServerSocket socket = new ServerSocket(0)) {
      return new RedisServer(binary, socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** Starts it (empty, no persistence) and waits until it answers PING; answers itself. */
  public RedisServer start() {
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes"));
    if (maxMemory != null) {
      command.addAll(List.of("--maxmemory", maxMemory, "--maxmemory-policy", "allkeys-lru"));
    }
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!answersPing()) {
      if (Instant.now().isAfter(deadline) || !process.isAlive()) {
        throw new IllegalStateException("redis-server did not start on port " + port);
      }
      sleep(50);
    }
    return this;
  }

  /** Kills it, as a crashed or unreachable Redis would be. */
  public void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
