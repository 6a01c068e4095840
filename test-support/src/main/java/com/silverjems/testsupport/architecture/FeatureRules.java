package com.silverjems.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;

/**
 * The rules every Java module's architecture test applies to its own root package (package by
 * feature: each package below the root is a feature, or a command family, a stack, a route group):
 *
 * <ul>
 *   <li>features do not form cycles;
 *   <li>a feature uses another's types only where they are public all the way out;
 *   <li>controllers (classes annotated {@code @RestController} or {@code @Controller}) leave SQL to
 *       the feature's repositories: no {@code java.sql}, {@code javax.sql} or Spring JDBC.
 * </ul>
 *
 * Each rule fails when it finds nothing to check (ArchUnit's default), so a module picks the set
 * that says what it has: {@link #forFeatures}, {@link #forFeaturesWithoutControllers} or {@link
 * #forOnePackageWithoutControllers} (where only those rules allow an empty check). {@code
 * FeatureRulesTest} proves each rule catches what it claims to.
 */
public final class FeatureRules {

  private static final String[] SQL = {"java.sql..", "javax.sql..", "org.springframework.jdbc.."};

  private FeatureRules() {}

  /** The three rules, for a module with features and controllers. */
  public static ArchRule forFeatures(String root) {
    return CompositeArchRule.of(featuresFreeOfCycles(root))
        .and(featuresTalkThroughPublicTypesOnly(root))
        .and(controllersDoNotTouchSql());
  }

  /**
   * The three rules, for a module that serves no HTTP: the controller rule checks nothing there,
   * and says so instead of failing on it.
   */
  public static ArchRule forFeaturesWithoutControllers(String root) {
    return CompositeArchRule.of(featuresFreeOfCycles(root))
        .and(featuresTalkThroughPublicTypesOnly(root))
        .and(controllersDoNotTouchSql().allowEmptyShould(true));
  }

  /**
   * The three rules, for a module of one package and no controller: only the public-types rule
   * finds classes today; the other two hold the day a second package or a controller comes.
   */
  public static ArchRule forOnePackageWithoutControllers(String root) {
    return CompositeArchRule.of(featuresFreeOfCycles(root).allowEmptyShould(true))
        .and(featuresTalkThroughPublicTypesOnly(root))
        .and(controllersDoNotTouchSql().allowEmptyShould(true));
  }

  /** No cycle between the packages directly below {@code root} (and what they contain). */
  public static ArchRule featuresFreeOfCycles(String root) {
    return slices()
        .matching(root + ".(*)..")
        .should()
        .beFreeOfCycles()
        .as("features of " + root + " should be free of cycles");
  }

  /**
   * A class may use another feature's types only where they are public all the way out (a public
   * type nested in a package-private or protected one is internal too). The compiler checks this
   * between Java packages; this rule keeps it true for a feature's sub-packages and nested types.
   * Types outside {@code root} (libraries, other modules' roots) are not features here.
   */
  public static ArchRule featuresTalkThroughPublicTypesOnly(String root) {
    return classes()
        .that()
        .resideInAPackage(root + "..")
        .should(onlyUsePublicTypesOfOtherFeatures(root));
  }

  /** Controllers answer HTTP; the SQL lives in the feature's repositories and services. */
  public static ArchRule controllersDoNotTouchSql() {
    return noClasses()
        .that()
        .areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
        .or()
        .areAnnotatedWith("org.springframework.stereotype.Controller")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(SQL)
        .as("controllers should not touch SQL (java.sql, javax.sql, Spring JDBC)");
  }

  /**
   * A module's tests get their HTTPS servers from test-support's {@code tls.TlsTestServer} (real
   * certificates, any chain) instead of building one of their own from a key store.
   */
  public static ArchRule noTlsServerOfItsOwn() {
    return noClasses()
        .that()
        .resideOutsideOfPackage("com.silverjems.testsupport.tls..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("com.sun.net.httpserver.HttpsServer")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("javax.net.ssl.KeyManagerFactory")
        .as("build no TLS server of their own: test-support's TlsTestServer is the one");
  }

  /** The feature a type belongs to: the first package below the root (none for the root's own). */
  public static Optional<String> feature(String root, JavaClass type) {
    String name = type.getPackageName();
    if (!name.startsWith(root + ".")) {
      return Optional.empty();
    }
    String rest = name.substring(root.length() + 1);
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  /** Public, and so is every class it is nested in. */
  public static boolean publicAllTheWayOut(JavaClass type) {
    for (Optional<JavaClass> t = Optional.of(type);
        t.isPresent();
        t = t.get().getEnclosingClass()) {
      if (!t.get().getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  private static ArchCondition<JavaClass> onlyUsePublicTypesOfOtherFeatures(String root) {
    return new ArchCondition<>("use only public types of other features") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> from = feature(root, origin);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          Optional<String> to = feature(root, target);
          if (to.isPresent() && !to.equals(from) && !publicAllTheWayOut(target)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }
}
