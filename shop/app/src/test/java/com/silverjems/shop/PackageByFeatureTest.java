package com.silverjems.shop;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Features (catalog, cart, checkout, ...) talk through public types only and never in a cycle. */
@AnalyzeClasses(
    packages = "com.silverjems.shop",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageByFeatureTest {

  @ArchTest
  static final ArchRule featuresDoNotFormCycles =
      slices().matching("com.silverjems.shop.(*)..").should().beFreeOfCycles();
}
