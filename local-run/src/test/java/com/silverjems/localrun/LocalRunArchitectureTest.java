package com.silverjems.localrun;

import com.silverjems.testsupport.architecture.FeatureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * local-run's map, all test sources (it never ships): {@code localrun} composes the platform,
 * {@code bench} is the benchmark's bare endpoint, {@code shop.images} the demo photos uploaded
 * through the shop's own images package. Features are the packages below {@code com.silverjems}, so
 * the run uses the shop and the hub through their public types only, and the benchmark's controller
 * reads no database.
 */
@AnalyzeClasses(
    packages = {"com.silverjems.localrun", "com.silverjems.bench", "com.silverjems.shop.images"},
    importOptions = ImportOption.OnlyIncludeTests.class)
class LocalRunArchitectureTest {

  private static final String ROOT = "com.silverjems";

  @ArchTest static final ArchRule featureRules = FeatureRules.forFeatures(ROOT);
}
