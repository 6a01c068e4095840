package com.silverjems.shop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * Features (catalog, cart, checkout, ...) talk through public types only and never in a cycle, and
 * controllers leave SQL to the feature's repositories.
 */
@AnalyzeClasses(
    packages = "com.silverjems.shop",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageByFeatureTest {

  static final String ROOT = "com.silverjems.shop";

  @ArchTest
  static final ArchRule featuresDoNotFormCycles =
      slices().matching("com.silverjems.shop.(*)..").should().beFreeOfCycles();

  /**
   * A class may use another feature's types only where they are public all the way out (a public
   * type nested in a package-private one is internal too). The compiler checks this between Java
   * packages; this rule keeps it true for a feature's sub-packages and nested types as well.
   */
  @ArchTest
  static final ArchRule featuresTalkThroughPublicTypesOnly = publicTypesBetweenFeatures(ROOT);

  /** Controllers answer HTTP; the SQL lives in the feature's repositories and services. */
  @ArchTest static final ArchRule controllersDoNotTouchSql = controllersWithoutSql();

  static ArchRule publicTypesBetweenFeatures(String root) {
    return classes()
        .that()
        .resideInAPackage(root + "..")
        .should(onlyUsePublicTypesOfOtherFeatures(root))
        .allowEmptyShould(false);
  }

  static ArchRule controllersWithoutSql() {
    return noClasses()
        .that()
        .areAnnotatedWith(RestController.class)
        .or()
        .areAnnotatedWith(Controller.class)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..")
        .allowEmptyShould(false);
  }

  /** The feature a type belongs to: the first package below the root (none for the root's own). */
  static Optional<String> feature(String root, JavaClass type) {
    String name = type.getPackageName();
    if (!name.startsWith(root + ".")) {
      return Optional.empty();
    }
    String rest = name.substring(root.length() + 1);
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  static boolean publicAllTheWayOut(JavaClass type) {
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
