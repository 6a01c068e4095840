package com.silverjems.testsupport;

import com.silverjems.testsupport.architecture.FeatureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * schema's map ({@code startup}, {@code calls}, {@code events}), checked here because schema cannot
 * use the shared rules itself: test-support depends on schema (for the migrations), so a test
 * dependency back would be a cycle Maven refuses. schema is on this module's class path.
 */
@AnalyzeClasses(
    packages = "com.silverjems.schema",
    importOptions = ImportOption.DoNotIncludeTests.class)
class SchemaArchitectureTest {

  private static final String ROOT = "com.silverjems.schema";

  /** schema is a contract library without a web layer: no controller to check, by design. */
  @ArchTest static final ArchRule featureRules = FeatureRules.forFeaturesWithoutControllers(ROOT);
}
