package com.silverjems.infra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.silverjems.testsupport.architecture.FeatureRules;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import software.amazon.awscdk.Stack;

/**
 * infra's map: one package per stack ({@code network}, {@code data}, {@code ciaccess}, {@code
 * services}, {@code observability}, {@code edge}) with the constructs only it uses, {@code
 * constructs} for the constructs several stacks use, {@code config} for the environments, and
 * {@link InfraApp} composing the stacks. A stack gets what it needs as typed props (a VPC, the
 * database, a queue), never another stack: only the app knows how the stacks are wired.
 */
@AnalyzeClasses(
    packages = "com.silverjems.infra",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageBoundariesTest {

  private static final String ROOT = "com.silverjems.infra";

  /** A CDK app synthesises templates, it serves nothing: no controller to check, by design. */
  @ArchTest static final ArchRule featureRules = FeatureRules.forFeaturesWithoutControllers(ROOT);

  @ArchTest
  static final ArchRule stacksTakeTypedPropsNotOtherStacks =
      constructors()
          .that()
          .areDeclaredInClassesThat()
          .areAssignableTo(Stack.class)
          .should(takeNoStack());

  @ArchTest
  static final ArchRule sharedConstructsKnowNoStack =
      noClasses()
          .that()
          .resideInAnyPackage("com.silverjems.infra.constructs..", "com.silverjems.infra.config..")
          .should()
          .dependOnClassesThat()
          .areAssignableTo(Stack.class);

  private static ArchCondition<JavaConstructor> takeNoStack() {
    return new ArchCondition<>("take no stack as a parameter") {
      @Override
      public void check(JavaConstructor constructor, ConditionEvents events) {
        for (JavaClass parameter : constructor.getRawParameterTypes()) {
          if (parameter.isAssignableTo(Stack.class)) {
            events.add(
                SimpleConditionEvent.violated(
                    constructor,
                    constructor.getFullName() + " takes the stack " + parameter.getName()));
          }
        }
      }
    };
  }
}
