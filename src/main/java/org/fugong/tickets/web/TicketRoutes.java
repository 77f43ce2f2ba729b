package org.fugong.tickets.web;

import java.util.EnumSet;
import org.fugong.access.Role;
import org.fugong.access.RouteAccess;
import org.fugong.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/** Tickets are for everyone who files or handles problems; the desk then checks each ticket. */
@Configuration(proxyBeanMethods = false)
class TicketRoutes implements RouteAccess {

    @Override
    public void declare(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.POST, "/tickets/rules/**")
                .hasRole("CITY_OFFICIAL")
                .requestMatchers("/tickets/rules", "/tickets/figures", "/api/tickets/figures")
                .hasAnyRole("CITY_OFFICIAL", "DISTRICT_OFFICIAL", "DEPARTMENT_OFFICER")
                .requestMatchers("/tickets", "/tickets/**", "/notifications", "/api/tickets/**")
                .hasAnyRole("CITY_OFFICIAL", "DISTRICT_OFFICIAL", "DEPARTMENT_OFFICER", "COMMISSIONER", "ENTERPRISE");
    }

    @Bean
    NavigationItem ticketsNavigation() {
        return new NavigationItem(
                "nav.tickets",
                "nav.tickets.description",
                "/tickets",
                30,
                EnumSet.of(
                        Role.CITY_OFFICIAL,
                        Role.DISTRICT_OFFICIAL,
                        Role.DEPARTMENT_OFFICER,
                        Role.COMMISSIONER,
                        Role.ENTERPRISE));
    }
}
