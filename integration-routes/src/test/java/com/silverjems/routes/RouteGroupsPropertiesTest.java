package com.silverjems.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.silverjems.routes.RouteGroupsProperties.RouteGroup;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteGroupsPropertiesTest {

  @Test
  void runsOnlyTheConfiguredGroups() {
    RouteGroupsProperties properties = new RouteGroupsProperties(Set.of(RouteGroup.EMAIL));
    assertThat(properties.runs(RouteGroup.EMAIL)).isTrue();
    assertThat(properties.runs(RouteGroup.IMAGES)).isFalse();
  }

  @Test
  void refusesToStartWithNoGroupAndSaysWhichExist() {
    assertThatThrownBy(() -> new RouteGroupsProperties(Set.of()))
        .hasMessageContaining("ROUTES_GROUPS")
        .hasMessageContaining("DELIVERY_EVENTS");
  }
}
