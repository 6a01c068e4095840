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

  @ArchTest static final ArchRule featureRules = FeatureRules.forOnePackageWithoutControllers(ROOT);

  /** The HTTPS servers its checks probe come from test-support. */
  @ArchTest static final ArchRule noTlsServerOfItsOwn = FeatureRules.noTlsServerOfItsOwn();
}
