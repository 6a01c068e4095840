package com.silverjems.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The shared rules catch what they claim to, on a fixture that breaks each of them. */
class FeatureRulesTest {

  private static final String FIXTURE = "com.silverjems.testsupport.architecture.fixture";

  private final JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

  @Test
  void featuresThatUseEachOtherAreACycle() {
    EvaluationResult result = FeatureRules.featuresFreeOfCycles(FIXTURE).evaluate(fixture);
    assertThat(result.hasViolation()).isTrue();
    assertThat(String.join("\n", result.getFailureReport().getDetails()))
        .contains("Cycle detected")
        .contains("Till")
        .contains("Ledger");
  }

  @Test
  void usingANonPublicTypeOfAnotherFeatureIsAViolation() {
    EvaluationResult result =
        FeatureRules.featuresTalkThroughPublicTypesOnly(FIXTURE).evaluate(fixture);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("Till").contains("Shelf$Internal"))
        .noneSatisfy(line -> assertThat(line).contains("Receipt"));
  }

  @Test
  void aControllerHoldingADataSourceIsAViolation() {
    EvaluationResult result = FeatureRules.controllersDoNotTouchSql().evaluate(fixture);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("Till").contains("javax.sql.DataSource"));
  }

  @Test
  void anHttpsServerBuiltOutsideTestSupportIsAViolation() {
    EvaluationResult result = FeatureRules.noTlsServerOfItsOwn().evaluate(fixture);
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("Ledger").contains("HttpsServer"));
    JavaClasses serverAndAClient =
        new ClassFileImporter()
            .importPackages("com.silverjems.testsupport.tls", FIXTURE + ".shelf");
    assertThat(FeatureRules.noTlsServerOfItsOwn().evaluate(serverAndAClient).hasViolation())
        .as("TlsTestServer itself may build one")
        .isFalse();
  }

  @Test
  void aRuleWithNothingToCheckFailsUnlessTheModuleSaysSo() {
    JavaClasses onePackage = new ClassFileImporter().importPackages(FIXTURE + ".ledger");
    assertThatThrownBy(() -> FeatureRules.controllersDoNotTouchSql().check(onePackage))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("failed to check any classes");
    FeatureRules.controllersDoNotTouchSql().allowEmptyShould(true).check(onePackage);
  }

  @Test
  void eachSetChecksAllThreeRulesAndAllowsOnlyTheEmptyChecksItNames() {
    String report =
        String.join(
            "\n",
            FeatureRules.forFeatures(FIXTURE).evaluate(fixture).getFailureReport().getDetails());
    assertThat(report)
        .contains("Cycle detected")
        .contains("Shelf$Internal")
        .contains("javax.sql.DataSource");

    String onePackage = FIXTURE + ".ledger";
    JavaClasses ledger = new ClassFileImporter().importPackages(onePackage);
    FeatureRules.forOnePackageWithoutControllers(onePackage).check(ledger);
    assertThatThrownBy(() -> FeatureRules.forFeaturesWithoutControllers(onePackage).check(ledger))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("failed to check any classes");
    assertThatThrownBy(() -> FeatureRules.forFeatures(FIXTURE + ".shelf").check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("failed to check any classes");
  }
}
