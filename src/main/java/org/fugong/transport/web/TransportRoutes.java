package org.fugong.transport.web;

import java.util.EnumSet;
import org.fugong.access.Role;
import org.fugong.access.RouteAccess;
import org.fugong.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Transport is for the bureau (a department officer whose unit handles it), the city, districts and
 * employers; the services check who plans and whose workers each record concerns.
 */
@Configuration(proxyBeanMethods = false)
class TransportRoutes implements RouteAccess {

    @Override
    public void declare(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(
                        "/transport/plans/**",
                        "/transport/plans",
                        "/transport/fleet",
                        "/transport/rules",
                        "/api/transport/plans/**")
                .hasAnyRole("CITY_OFFICIAL", "DEPARTMENT_OFFICER")
                .requestMatchers("/transport", "/transport/**", "/api/transport/**")
                .hasAnyRole("CITY_OFFICIAL", "DEPARTMENT_OFFICER", "DISTRICT_OFFICIAL", "ENTERPRISE");
    }

    @Bean
    NavigationItem transportNavigation() {
        return new NavigationItem(
                "nav.transport",
                "nav.transport.description",
                "/transport",
                32,
                EnumSet.of(Role.CITY_OFFICIAL, Role.DEPARTMENT_OFFICER, Role.DISTRICT_OFFICIAL, Role.ENTERPRISE),
                "TRANSPORT");
    }
}
