package com.silverjems.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.routes.RouteGroupsProperties.RouteGroup;
import com.silverjems.routes.images.LocalS3;
import com.silverjems.testsupport.TestPostgres;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "routes.groups=email,images")
@DirtiesContext
class IntegrationRoutesApplicationTest {

  // The images group needs its buckets and the shop's database (the email group's needs go here
  // too).
  static final LocalS3 s3 = LocalS3.inMemory();
  static final TestPostgres.Database database = TestPostgres.shared().newDatabase("routes-app");

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    s3.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    database.springProperties().forEach((key, value) -> registry.add(key, () -> value));
  }

  @AfterAll
  static void stopS3() {
    s3.close();
  }

  @Autowired CamelContext camel;
  @Autowired RouteGroupsProperties groups;

  @Test
  void startsCamelWithTheConfiguredRouteGroups() {
    assertThat(camel.isStarted()).isTrue();
    assertThat(groups.groups()).containsExactlyInAnyOrder(RouteGroup.EMAIL, RouteGroup.IMAGES);
  }
}
