package com.silverjems.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.routes.RouteGroupsProperties.RouteGroup;
import com.silverjems.routes.emulators.EmailTestProperties;
import com.silverjems.routes.emulators.SesStub;
import com.silverjems.routes.images.LocalS3;
import com.silverjems.testsupport.TestPostgres;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
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

  // Each group needs its servers: the images group its buckets, the email group SES, both the
  // shop's database.
  static final LocalS3 s3 = LocalS3.inMemory();
  static final SesStub ses = SesStub.start();
  static final TestPostgres.Database database = TestPostgres.shared().newDatabase("routes-app");

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    s3.springProperties().forEach((key, value) -> registry.add(key, () -> value));
    EmailTestProperties.relay(database, ses)
        .forEach((key, value) -> registry.add(key, () -> value));
  }

  @AfterAll
  static void stopServers() {
    s3.close();
    ses.close();
  }

  @Autowired CamelContext camel;
  @Autowired RouteGroupsProperties groups;

  @Test
  void startsCamelWithTheConfiguredRouteGroups() {
    assertThat(camel.isStarted()).isTrue();
    assertThat(groups.groups()).containsExactlyInAnyOrder(RouteGroup.EMAIL, RouteGroup.IMAGES);
    // Email runs; delivery-events was not asked for, so none of its routes exist.
    assertThat(camel.getRoutes()).map(Route::getRouteId).contains("email-outbox-relay");
    assertThat(camel.getRoutes()).map(Route::getRouteId).doesNotContain("email-delivery-events");
  }
}
