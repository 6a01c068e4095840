package com.silverjems.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Files of the repository, read relative to its root (the infra module's parent). */
final class Repository {

  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private Repository() {}

  static String read(String relative) {
    Path file = ROOT.resolve(relative);
    assertThat(file).as("repository file").isRegularFile();
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> yaml(String relative) {
    // YAML 1.1 reads the key `on` as boolean true; GitHub reads it as "on". Quote it first.
    String text = read(relative).replaceFirst("(?m)^on:", "\"on\":");
    return new Yaml().load(text);
  }
}
