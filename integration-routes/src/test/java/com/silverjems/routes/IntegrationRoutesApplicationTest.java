package com.silverjems.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.silverjems.routes.RouteGroupsProperties.RouteGroup;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "routes.groups=email,images")
class IntegrationRoutesApplicationTest {

  @Autowired CamelContext camel;
  @Autowired RouteGroupsProperties groups;

  @Test
  void startsCamelWithTheConfiguredRouteGroups() {
    assertThat(camel.isStarted()).isTrue();
    assertThat(groups.groups()).containsExactlyInAnyOrder(RouteGroup.EMAIL, RouteGroup.IMAGES);
  }
}
