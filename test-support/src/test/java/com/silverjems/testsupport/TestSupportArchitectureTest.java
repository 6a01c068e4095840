package com.silverjems.testsupport;

import com.silverjems.testsupport.architecture.FeatureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * test-support's map: the root package holds the databases and OS tools, {@code tls} the TLS test
 * server and its certificates, {@code architecture} the rules every module's test applies.
 */
@AnalyzeClasses(
    packages = "com.silverjems.testsupport",
    importOptions = ImportOption.DoNotIncludeTests.class)
class TestSupportArchitectureTest {

  private static final String ROOT = "com.silverjems.testsupport";

  /** test-support serves no HTTP endpoint: no controller to check, by design. */
  @ArchTest static final ArchRule featureRules = FeatureRules.forFeaturesWithoutControllers(ROOT);
}
