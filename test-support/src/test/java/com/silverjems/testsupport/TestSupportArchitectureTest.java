package com.silverjems.testsupport;

import com.silverjems.testsupport.architecture.FeatureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * test-support's map (the root package holds the databases and OS tools, {@code tls} the TLS test
 * server and its certificates, {@code architecture} the rules every module's test applies) and
 * schema's ({@code startup}, {@code calls}, {@code events}). schema's is checked here because
 * schema cannot apply the shared rules itself: test-support depends on schema (for the migrations),
 * so a test dependency back would be a cycle Maven refuses; schema is on this module's class path.
 * Neither has a web layer: no controller to check, by design.
 */
@AnalyzeClasses(
    packages = {"com.silverjems.testsupport", "com.silverjems.schema"},
    importOptions = ImportOption.DoNotIncludeTests.class)
class TestSupportArchitectureTest {

  @ArchTest
  static final ArchRule testSupport =
      FeatureRules.forFeaturesWithoutControllers("com.silverjems.testsupport");

  @ArchTest
  static final ArchRule schema =
      FeatureRules.forFeaturesWithoutControllers("com.silverjems.schema");
}
