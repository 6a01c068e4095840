package com.silverjems.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The rules of PackageByFeatureTest catch what they claim to, on a fixture that breaks them. */
class PackageByFeatureRulesTest {

  private static final String FIXTURE = "com.silverjems.archfixture";

  private final JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);

  @Test
  void usingANonPublicTypeOfAnotherFeatureIsAViolation() {
    EvaluationResult result =
        PackageByFeatureTest.publicTypesBetweenFeatures(FIXTURE).evaluate(fixture);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("Till").contains("Shelf$Internal"));
  }

  @Test
  void aControllerHoldingADataSourceIsAViolation() {
    EvaluationResult result = PackageByFeatureTest.controllersWithoutSql().evaluate(fixture);
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("Till").contains("javax.sql.DataSource"));
  }
}
