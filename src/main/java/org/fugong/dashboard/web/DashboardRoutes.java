package org.fugong.dashboard.web;

import java.util.EnumSet;
import java.util.Optional;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.RouteAccess;
import org.fugong.shell.HomePage;
import org.fugong.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * The dashboard and the index are the city's and the districts' (the city alone keeps the rules and
 * the screen links, checked in the controller); the wall screen opens by its signed link alone; an
 * enterprise has its own home. Officials land on the dashboard, an enterprise on its home.
 */
@Configuration(proxyBeanMethods = false)
class DashboardRoutes implements RouteAccess, HomePage {

    @Override
    public void declare(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers("/screen/**")
                .permitAll()
                .requestMatchers("/dashboard", "/dashboard/**", "/api/index", "/api/index/**")
                .hasAnyRole("CITY_OFFICIAL", "DISTRICT_OFFICIAL")
                .requestMatchers("/my")
                .hasRole("ENTERPRISE");
    }

    @Override
    public Optional<String> pathFor(Actor actor) {
        if (actor.hasRole(Role.CITY_OFFICIAL) || actor.hasRole(Role.DISTRICT_OFFICIAL)) {
            return Optional.of("/dashboard");
        }
        return actor.hasRole(Role.ENTERPRISE) ? Optional.of("/my") : Optional.empty();
    }

    @Bean
    NavigationItem dashboardNavigation() {
        return new NavigationItem(
                "nav.dashboard",
                "nav.dashboard.description",
                "/dashboard",
                1,
                EnumSet.of(Role.CITY_OFFICIAL, Role.DISTRICT_OFFICIAL));
    }

    @Bean
    NavigationItem enterpriseHomeNavigation() {
        return new NavigationItem("nav.my", "nav.my.description", "/my", 1, EnumSet.of(Role.ENTERPRISE));
    }
}
