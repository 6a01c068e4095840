package com.silverjems.bench.ceiling;

import com.silverjems.testsupport.architecture.FeatureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The ceiling is one class, a controller: what it measures is the framework alone, so it must read
 * no database. It has no features, so only the controller rule applies.
 */
@AnalyzeClasses(
    packages = "com.silverjems.bench.ceiling",
    importOptions = ImportOption.DoNotIncludeTests.class)
class CeilingArchitectureTest {

  @ArchTest
  static final ArchRule controllersDoNotTouchSql = FeatureRules.controllersDoNotTouchSql();
}
