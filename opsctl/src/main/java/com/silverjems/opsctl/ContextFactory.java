package com.silverjems.opsctl;

import java.lang.reflect.Constructor;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Picocli's factory for opsctl's commands: a class with a constructor taking the {@link RunContext}
 * gets this run's context; every other class (mixins, converters, picocli's own commands) is made
 * by picocli's default factory.
 */
final class ContextFactory implements IFactory {

  private final RunContext context;
  private final IFactory fallback = CommandLine.defaultFactory();

  ContextFactory(RunContext context) {
    this.context = context;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> withContext;
    try {
      withContext = type.getDeclaredConstructor(RunContext.class);
    } catch (NoSuchMethodException e) {
      return fallback.create(type);
    }
    withContext.setAccessible(true);
    return withContext.newInstance(context);
  }
}
