package com.silverjems.infra.parity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The settings a component's code reads, found in its image: every {@code @ConfigurationProperties}
 * record among the application's classes, walked component by component (nested records, maps and
 * collections included), and the environment variables its {@code application.yml} names in {@code
 * ${...}} placeholders. A variable binds a property as Spring Boot's relaxed binding does: dots
 * become underscores, dashes go, all upper case.
 */
final class BoundSettings {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

  /** Relaxed-binding forms of bound properties; a trailing {@code _} means "and anything below". */
  private final Set<String> variables = new TreeSet<>();

  private final Set<String> placeholders = new TreeSet<>();

  private BoundSettings() {}

  static BoundSettings of(ProductionImage image) {
    BoundSettings settings = new BoundSettings();
    Path classes = image.workDir().resolve("BOOT-INF/classes");
    Path libs = image.workDir().resolve("BOOT-INF/lib");
    try (Stream<Path> jars = Files.list(libs);
        Stream<Path> classFiles = Files.walk(classes)) {
      List<URL> urls = new ArrayList<>();
      urls.add(classes.toUri().toURL());
      for (Path jar : (Iterable<Path>) jars::iterator) {
        urls.add(jar.toUri().toURL());
      }
      try (URLClassLoader loader =
          new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
        for (Path file : (Iterable<Path>) classFiles::iterator) {
          String name = classes.relativize(file).toString();
          if (!name.endsWith(".class") || name.contains("$")) {
            continue;
          }
          Class<?> type;
          try {
            type = Class.forName(name.replace('/', '.').replace(".class", ""), false, loader);
          } catch (LinkageError optionalDependencyMissing) {
            continue;
          }
          prefix(type).ifPresent(prefix -> settings.walk(prefix, type));
        }
      }
      Path yaml = classes.resolve("application.yml");
      if (Files.exists(yaml)) {
        Matcher matcher = PLACEHOLDER.matcher(Files.readString(yaml));
        while (matcher.find()) {
          settings.placeholders.add(matcher.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return settings;
  }

  /** Whether the code reads {@code variable}: a bound property or a placeholder. */
  boolean reads(String variable) {
    if (placeholders.contains(variable)) {
      return true;
    }
    for (String bound : variables) {
      if (bound.equals(variable) || (bound.endsWith("_") && variable.startsWith(bound))) {
        return true;
      }
    }
    return false;
  }

  Set<String> placeholders() {
    return placeholders;
  }

  Set<String> variables() {
    return variables;
  }

  /** The environment-variable form of a property name. */
  static String variableOf(String property) {
    return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private void walk(String prefix, Class<?> type) {
    if (!type.isRecord()) {
      // A JavaBean-style class: its properties are its setters' names.
      for (var method : type.getMethods()) {
        if (method.getName().startsWith("set") && method.getParameterCount() == 1) {
          variables.add(variableOf(prefix + "." + method.getName().substring(3)));
        }
      }
      return;
    }
    for (RecordComponent component : type.getRecordComponents()) {
      String property = prefix + "." + dashed(component.getName());
      Class<?> componentType = component.getType();
      if (componentType.isRecord()) {
        walk(property, componentType);
      } else if (Map.class.isAssignableFrom(componentType)) {
        variables.add(variableOf(property) + "_");
      } else if (Collection.class.isAssignableFrom(componentType)
          && elementIsRecord(component.getGenericType())) {
        variables.add(variableOf(property) + "_");
      } else {
        variables.add(variableOf(property));
      }
    }
  }

  private static boolean elementIsRecord(Type type) {
    return type instanceof ParameterizedType parameterized
        && parameterized.getActualTypeArguments()[0] instanceof Class<?> element
        && element.isRecord();
  }

  private static String dashed(String camelCase) {
    return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static java.util.Optional<String> prefix(Class<?> type) {
    for (var annotation : type.getDeclaredAnnotations()) {
      if (annotation
          .annotationType()
          .getName()
          .equals("org.springframework.boot.context.properties.ConfigurationProperties")) {
        try {
          String prefix =
              (String) annotation.annotationType().getMethod("prefix").invoke(annotation);
          String value = (String) annotation.annotationType().getMethod("value").invoke(annotation);
          return java.util.Optional.of(prefix.isEmpty() ? value : prefix);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return java.util.Optional.empty();
  }
}
