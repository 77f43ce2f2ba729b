package org.fugong.healthcode.web;

import org.fugong.access.RouteAccess;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/** The public keys are public; gates (and the city) verify codes; the city reads the scan counts. */
@Configuration(proxyBeanMethods = false)
class HealthCodeRoutes implements RouteAccess {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers("/.well-known/jwks.json", "/code", "/code/**").permitAll()
                .requestMatchers("/gate", "/gate/**").hasAnyRole("GATE_CHECKER", "CITY_OFFICIAL")
                .requestMatchers("/api/gate/counts").hasRole("CITY_OFFICIAL")
                .requestMatchers("/health/staff").hasRole("ENTERPRISE")
                // The bureau's desk: by department, not only by role, so a labour officer is refused at the door.
                .requestMatchers("/health", "/health/**", "/api/health/**").access((authentication, context) ->
                        new org.springframework.security.authorization.AuthorizationDecision(
                                authentication.get().getPrincipal() instanceof org.fugong.access.Actor actor
                                        && org.fugong.healthcode.HealthBureau.actsFor(actor)))
                .requestMatchers("/api/gate/**").hasAnyRole("GATE_CHECKER", "CITY_OFFICIAL");
    }

    @org.springframework.context.annotation.Bean
    org.fugong.shell.NavigationItem healthNavigation() {
        return new org.fugong.shell.NavigationItem("nav.health", "nav.health.description", "/health", 45,
                java.util.EnumSet.of(org.fugong.access.Role.CITY_OFFICIAL, org.fugong.access.Role.DEPARTMENT_OFFICER), org.fugong.healthcode.HealthBureau.DEPARTMENT);
    }

    @org.springframework.context.annotation.Bean
    org.fugong.shell.NavigationItem staffNavigation() {
        return new org.fugong.shell.NavigationItem("nav.staffCodes", "nav.staffCodes.description", "/health/staff", 46,
                java.util.EnumSet.of(org.fugong.access.Role.ENTERPRISE));
    }

    @org.springframework.context.annotation.Bean
    org.fugong.shell.NavigationItem gateNavigation() {
        return new org.fugong.shell.NavigationItem("nav.gate", "nav.gate.description", "/gate", 40,
                java.util.EnumSet.of(org.fugong.access.Role.GATE_CHECKER));
    }
}
