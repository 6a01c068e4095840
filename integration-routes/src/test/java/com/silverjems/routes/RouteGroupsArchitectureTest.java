package com.silverjems.routes;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.silverjems.routes.email.EmailDeliveryEvents;
import com.silverjems.routes.email.EmailOutcome;
import com.silverjems.routes.email.Resends;
import com.silverjems.testsupport.architecture.FeatureRules;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.apache.camel.builder.BuilderSupport;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.ProcessorDefinition;
import org.springframework.context.annotation.Condition;

/**
 * The hub's route groups (email, delivery, images: one package each) and the rules between them: no
 * cycle; a group uses another's public types only, and delivery no more of email than the API email
 * made for it; the hub's shared code (this package) knows no group; each group owns its error
 * policy; one route-group condition; steps are called by reference, never by bean name; no route
 * builder or controller touches SQL (statements live in the groups' stores and in {@code *.sql}
 * files: {@code HubRouteInventoryIT} checks every camel-sql endpoint names one).
 */
@AnalyzeClasses(
    packages = "com.silverjems.routes",
    importOptions = ImportOption.DoNotIncludeTests.class)
class RouteGroupsArchitectureTest {

  private static final String ROOT = "com.silverjems.routes";
  private static final String GROUPS = ROOT + ".*..";

  /** No cycle between groups, only public types between them, no SQL in a controller. */
  @ArchTest static final ArchRule featureRules = FeatureRules.forFeatures(ROOT);

  @ArchTest
  static final ArchRule deliveryUsesOnlyTheApiEmailMadeForIt =
      noClasses()
          .that()
          .resideInAPackage(ROOT + ".delivery..")
          .should()
          .dependOnClassesThat(
              resideInAPackage(ROOT + ".email..")
                  .and(
                      not(
                          belongToAnyOf(
                              EmailDeliveryEvents.class, Resends.class, EmailOutcome.class))));

  @ArchTest
  static final ArchRule theSharedCodeKnowsNoRouteGroup =
      noClasses()
          .that()
          .resideInAPackage(ROOT)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(GROUPS);

  @ArchTest
  static final ArchRule eachRouteGroupOwnsItsErrorPolicy =
      classes()
          .that()
          .areAssignableTo(RouteConfigurationBuilder.class)
          .should()
          .resideInAPackage(GROUPS);

  @ArchTest
  static final ArchRule oneRouteGroupCondition =
      classes()
          .that()
          .implement(Condition.class)
          .should()
          .be(ConditionalOnRouteGroup.OnRouteGroup.class);

  @ArchTest
  static final ArchRule routesCallTheirStepsByReference =
      classes()
          .that()
          .areAssignableTo(RouteBuilder.class)
          .or()
          .areAssignableTo(RouteConfigurationBuilder.class)
          .should(callNoBeanByName());

  @ArchTest
  static final ArchRule noRouteBuilderTouchesSql =
      noClasses()
          .that()
          .areAssignableTo(RouteBuilder.class)
          .or()
          .areAssignableTo(RouteConfigurationBuilder.class)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..");

  /**
   * {@code .bean("name", "method")}, {@code .bean(Type.class, ...)} or {@code method("name", ...)}:
   * a step found by name or reflection, which no compiler checks; {@code .process(steps::apply)}
   * is.
   */
  private static ArchCondition<JavaClass> callNoBeanByName() {
    return new ArchCondition<>("call their steps by method reference, not bean(...)/method(...)") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (JavaMethodCall call : origin.getMethodCallsFromSelf()) {
          JavaClass owner = call.getTargetOwner();
          boolean byName =
              ("bean".equals(call.getName()) && owner.isAssignableTo(ProcessorDefinition.class))
                  || ("method".equals(call.getName())
                      && owner.isAssignableTo(BuilderSupport.class));
          if (byName) {
            events.add(SimpleConditionEvent.violated(call, call.getDescription()));
          }
        }
      }
    };
  }
}
