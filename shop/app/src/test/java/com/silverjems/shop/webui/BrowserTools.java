package com.silverjems.shop.webui;

import com.silverjems.testsupport.OsTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The npm packages the browser tests use (axe-core, Lighthouse), pinned in {@code
 * shop/app/browser-tools/package.json} and its lock, installed there with {@code npm ci} the first
 * time a test needs a file that is not there yet.
 */
final class BrowserTools {

  static final Path DIRECTORY = Path.of("browser-tools").toAbsolutePath();

  private BrowserTools() {}

  /** {@code relative} under browser-tools/, after {@code npm ci} if it is missing. */
  static synchronized Path file(String relative) {
    Path file = DIRECTORY.resolve(relative);
    if (Files.exists(file)) {
      return file;
    }
    Path npm = OsTool.require("npm", "npm");
    try {
      Process install =
          new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund")
              .directory(DIRECTORY.toFile())
              .redirectErrorStream(true)
              .start();
      String log = new String(install.getInputStream().readAllBytes());
      if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
        throw new IllegalStateException("npm ci in " + DIRECTORY + " failed:\n" + log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (!Files.exists(file)) {
      throw new IllegalStateException("npm ci in " + DIRECTORY + " did not install " + relative);
    }
    return file;
  }
}
