package org.fugong.visits.web;

import java.util.EnumSet;
import org.fugong.access.Role;
import org.fugong.access.RouteAccess;
import org.fugong.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/** Visits are for commissioners, the enterprises they visit and the officials above them; the services check each record. */
@Configuration(proxyBeanMethods = false)
class VisitRoutes implements RouteAccess {

    @Override
    public void declare(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.POST, "/visits/checklist", "/visits/rules")
                .hasRole("CITY_OFFICIAL")
                .requestMatchers("/visits/record", "/visits/*/correct")
                .hasRole("COMMISSIONER")
                .requestMatchers(HttpMethod.POST, "/api/visits")
                .hasRole("COMMISSIONER")
                .requestMatchers(
                        "/visits/assignments",
                        "/visits/figures",
                        "/visits/rules",
                        "/visits/talks/**",
                        "/api/visits/figures")
                .hasAnyRole("CITY_OFFICIAL", "DISTRICT_OFFICIAL")
                .requestMatchers(HttpMethod.POST, "/visits/enterprise/*/assign", "/visits/enterprise/*/unassign/*")
                .hasAnyRole("CITY_OFFICIAL", "DISTRICT_OFFICIAL")
                .requestMatchers(HttpMethod.POST, "/visits/orders/*/answer")
                .hasRole("ENTERPRISE")
                .requestMatchers("/visits", "/visits/**", "/api/visits/lights/*")
                .hasAnyRole("CITY_OFFICIAL", "DISTRICT_OFFICIAL", "COMMISSIONER", "ENTERPRISE");
    }

    @Bean
    NavigationItem visitsNavigation() {
        return new NavigationItem(
                "nav.visits",
                "nav.visits.description",
                "/visits",
                27,
                EnumSet.of(Role.CITY_OFFICIAL, Role.DISTRICT_OFFICIAL, Role.COMMISSIONER, Role.ENTERPRISE));
    }
}
