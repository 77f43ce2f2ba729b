package org.fugong.healthcode.web;

import java.util.EnumSet;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.access.RouteAccess;
import org.fugong.healthcode.internal.HealthBureau;
import org.fugong.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/** The public keys are public; gates (and the city) verify codes; the city reads the scan counts. */
@Configuration(proxyBeanMethods = false)
class HealthCodeRoutes implements RouteAccess {

    @Override
    public void declare(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers("/.well-known/jwks.json", "/code", "/code/**")
                .permitAll()
                .requestMatchers("/gate", "/gate/**")
                .hasAnyRole("GATE_CHECKER", "CITY_OFFICIAL")
                .requestMatchers("/api/gate/counts")
                .hasRole("CITY_OFFICIAL")
                .requestMatchers("/health/staff")
                .hasRole("ENTERPRISE")
                // The bureau's desk: by department, not only by role, so a labour officer is refused at the door.
                .requestMatchers("/health", "/health/**", "/api/health/**")
                .access((authentication, context) -> new AuthorizationDecision(
                        authentication.get().getPrincipal() instanceof Actor actor && HealthBureau.actsFor(actor)))
                .requestMatchers("/api/gate/**")
                .hasAnyRole("GATE_CHECKER", "CITY_OFFICIAL", "GATE_DEVICE");
    }

    @Bean
    NavigationItem healthNavigation() {
        return new NavigationItem(
                "nav.health",
                "nav.health.description",
                "/health",
                45,
                EnumSet.of(Role.CITY_OFFICIAL, Role.DEPARTMENT_OFFICER),
                HealthBureau.DEPARTMENT);
    }

    @Bean
    NavigationItem staffNavigation() {
        return new NavigationItem(
                "nav.staffCodes", "nav.staffCodes.description", "/health/staff", 46, EnumSet.of(Role.ENTERPRISE));
    }

    @Bean
    NavigationItem gateNavigation() {
        return new NavigationItem("nav.gate", "nav.gate.description", "/gate", 40, EnumSet.of(Role.GATE_CHECKER));
    }
}
