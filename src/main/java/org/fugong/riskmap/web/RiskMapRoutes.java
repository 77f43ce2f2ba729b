package org.fugong.riskmap.web;

import java.util.EnumSet;
import org.fugong.access.Role;
import org.fugong.access.RouteAccess;
import org.fugong.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * The map is read by officials and commissioners; figures are entered by districts (their own),
 * the city and the health bureau; overrides, rules and shapes are the city's. Today's colours are public.
 */
@Configuration(proxyBeanMethods = false)
class RiskMapRoutes implements RouteAccess {

    static final String[] READERS = {"CITY_OFFICIAL", "DISTRICT_OFFICIAL", "DEPARTMENT_OFFICER", "COMMISSIONER"};
    static final String[] REPORTERS = {"CITY_OFFICIAL", "DISTRICT_OFFICIAL", "DEPARTMENT_OFFICER"};

    @Override
    public void declare(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.GET, "/public/riskmap", "/public/riskmap/**")
                .permitAll()
                .requestMatchers("/riskmap/overrides", "/riskmap/overrides/**", "/riskmap/rules", "/riskmap/shapes/**")
                .hasRole("CITY_OFFICIAL")
                .requestMatchers("/riskmap/indicators", "/riskmap/indicators/**", "/api/riskmap/indicators")
                .hasAnyRole(REPORTERS)
                .requestMatchers(HttpMethod.GET, "/riskmap", "/riskmap/**", "/api/riskmap/**")
                .hasAnyRole(READERS);
    }

    @Bean
    NavigationItem riskMapNavigation() {
        return new NavigationItem(
                "nav.riskmap",
                "nav.riskmap.description",
                "/riskmap",
                10,
                EnumSet.of(Role.CITY_OFFICIAL, Role.DISTRICT_OFFICIAL, Role.DEPARTMENT_OFFICER, Role.COMMISSIONER));
    }

    @Bean
    NavigationItem publicRiskMapNavigation() {
        return new NavigationItem(
                "nav.publicRiskmap",
                "nav.publicRiskmap.description",
                "/public/riskmap",
                95,
                EnumSet.of(Role.ENTERPRISE, Role.GATE_CHECKER));
    }
}
