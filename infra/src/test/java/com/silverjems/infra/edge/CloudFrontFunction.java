package com.silverjems.infra.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A CloudFront Function (cloudfront-js-2.0) run by node, as CloudFront runs it: {@link #run} hands
 * it a CloudFront-shaped event and returns what the function returned (the request, maybe changed,
 * or a response with {@code statusCode}). One node process per function, kept running; calls are
 * serialised (a function is synchronous and quick).
 */
public final class CloudFrontFunction implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process node;
  private final BufferedWriter in;
  private final BufferedReader out;
  private final Path workDir;

  private CloudFrontFunction(Path code) throws IOException {
    workDir = Files.createTempDirectory("cloudfront-function");
    Path host = workDir.resolve("cloudfront-function-host.mjs");
    try (InputStream script =
        CloudFrontFunction.class.getResourceAsStream("cloudfront-function-host.mjs")) {
      Files.copy(script, host);
    }
    node =
        new ProcessBuilder("node", host.toString(), code.toAbsolutePath().toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    in = new BufferedWriter(new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8));
    out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
  }

  /** The function in {@code file} (as {@code FunctionCode.fromFile} reads it). */
  public static CloudFrontFunction fromFile(Path file) {
    try {
      return new CloudFrontFunction(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start node for " + file, e);
    }
  }

  /** The function whose source is {@code code} (as the template inlines it). */
  public static CloudFrontFunction fromSource(String code) {
    try {
      Path file = Files.createTempFile("cloudfront-function", ".js");
      Files.writeString(file, code);
      file.toFile().deleteOnExit();
      return new CloudFrontFunction(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start node for a CloudFront Function", e);
    }
  }

  /** Runs the function on {@code event}; a thrown error becomes {@link FunctionFailed}. */
  public synchronized JsonNode run(JsonNode event) {
    try {
      in.write(JSON.writeValueAsString(event));
      in.write('\n');
      in.flush();
      String line = out.readLine();
      if (line == null) {
        throw new FunctionFailed("node exited (" + node.waitFor() + ")");
      }
      JsonNode answer = JSON.readTree(line);
      if (answer.has("error")) {
        throw new FunctionFailed(answer.path("error").asText());
      }
      return answer.path("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FunctionFailed("interrupted");
    }
  }

  @Override
  public void close() {
    try {
      in.close();
      if (!node.waitFor(5, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    } catch (IOException e) {
      node.destroyForcibly();
    } catch (InterruptedException e) {
      node.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The function threw (CloudFront answers the viewer 503 then). */
  public static final class FunctionFailed extends RuntimeException {
    FunctionFailed(String message) {
      super(message);
    }
  }
}
