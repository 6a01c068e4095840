package com.silverjems.schema.startup;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Prints a start-up that failed with a {@link StartupProblem} as the problem's one line on standard
 * error, and nothing else: no "APPLICATION FAILED TO START" block, no stack trace (Spring Boot then
 * leaves the exception to the JVM, which exits with status 1 without printing it again). Registered
 * in {@code META-INF/spring.factories}; any other failure is reported as usual.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class StartupProblemReporter implements SpringBootExceptionReporter {

  @Override
  public boolean reportException(Throwable failure) {
    return StartupProblem.in(failure)
        .map(
            problem -> {
              System.err.println(problem.line());
              System.err.flush();
              return true;
            })
        .orElse(false);
  }
}
