package com.silverjems.observability.zabbix;

import com.silverjems.testsupport.architecture.FeatureRules;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * zabbix's Java is its tests (the module ships templates and agent parameters, not classes), so the
 * shared rules look at the test classes. One package today: the feature rules have no two features
 * to compare and say so ({@code allowEmptyShould}); they hold the day a second one comes.
 */
@AnalyzeClasses(
    packages = ZabbixArchitectureTest.ROOT,
    importOptions = ImportOption.OnlyIncludeTests.class)
class ZabbixArchitectureTest {

  static final String ROOT = "com.silverjems.observability.zabbix";

  /** One package, no slices to compare yet. */
  @ArchTest
  static final ArchRule featuresFreeOfCycles =
      FeatureRules.featuresFreeOfCycles(ROOT).allowEmptyShould(true);

  @ArchTest
  static final ArchRule featuresTalkThroughPublicTypesOnly =
      FeatureRules.featuresTalkThroughPublicTypesOnly(ROOT);

  /** The agents and servers here are real processes; this module defines no controller. */
  @ArchTest
  static final ArchRule controllersDoNotTouchSql =
      FeatureRules.controllersDoNotTouchSql().allowEmptyShould(true);

  @ArchTest static final ArchRule noTlsServerOfItsOwn = FeatureRules.noTlsServerOfItsOwn();
}
