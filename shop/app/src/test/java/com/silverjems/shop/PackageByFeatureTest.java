package com.silverjems.shop;

import com.silverjems.testsupport.architecture.FeatureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Features (catalog, cart, checkout, ...) talk through public types only and never in a cycle, and
 * controllers leave SQL to the feature's repositories: test-support's {@link FeatureRules}, whose
 * own test proves each rule catches what it claims to.
 */
@AnalyzeClasses(
    packages = "com.silverjems.shop",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PackageByFeatureTest {

  static final String ROOT = "com.silverjems.shop";

  @ArchTest static final ArchRule featureRules = FeatureRules.forFeatures(ROOT);
}
