package com.silverjems.opsctl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.silverjems.testsupport.architecture.FeatureRules;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * opsctl's map: the root package is the shared kernel (options, output, AWS clients, failures, the
 * {@link RunContext}) plus the entry point {@link Opsctl}; each subpackage is one command family
 * ({@code status}, {@code history}, {@code rollback}, {@code certs}, {@code silence}) or a shared
 * helper of them ({@code ecs}), or the start-up archive's training run ({@code startup}).
 */
@AnalyzeClasses(
    packages = "com.silverjems.opsctl",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageBoundariesTest {

  private static final String ROOT = "com.silverjems.opsctl";

  /** A command line without a web layer: no controller to check, by design. */
  @ArchTest static final ArchRule featureRules = FeatureRules.forFeaturesWithoutControllers(ROOT);

  /** Commands get the run's context through their constructor, never by looking up the root. */
  @ArchTest
  static final ArchRule noCommandReachesForTheRootCommand =
      noClasses()
          .that()
          .resideOutsideOfPackage("com.silverjems.opsctl")
          .and()
          .resideOutsideOfPackage("com.silverjems.opsctl.startup..")
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(Opsctl.class);

  /**
   * The shared kernel knows no command: only the entry point, which lists the subcommands and
   * starts the background silence sweep, depends on the command packages.
   */
  @ArchTest
  static final ArchRule theKernelKnowsNoCommand =
      noClasses()
          .that()
          .resideInAPackage("com.silverjems.opsctl")
          .and()
          .doNotBelongToAnyOf(Opsctl.class)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.silverjems.opsctl.(*)..");

  /** Command families share code through the kernel or {@code ecs}, not through each other. */
  @ArchTest
  static final ArchRule commandFamiliesDoNotUseEachOther =
      slices()
          .matching("com.silverjems.opsctl.(*)..")
          .namingSlices("$1")
          .that(DescribedPredicate.describe("are not ecs", s -> !s.getNamePart(1).equals("ecs")))
          .should()
          .notDependOnEachOther();

  /** Nothing but the training run's launcher uses the training run. */
  @ArchTest
  static final ArchRule trainingStaysOutOfTheCommands =
      noClasses()
          .that()
          .resideOutsideOfPackage("com.silverjems.opsctl.startup..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.silverjems.opsctl.startup..");
}
