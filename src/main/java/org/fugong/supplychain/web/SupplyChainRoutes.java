package org.fugong.supplychain.web;

import java.util.EnumSet;
import org.fugong.access.Role;
import org.fugong.access.RouteAccess;
import org.fugong.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/** Supply chains are for leads, their districts and the city; the service checks each lead. */
@Configuration(proxyBeanMethods = false)
class SupplyChainRoutes implements RouteAccess {

    @Override
    public void declare(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(
                        "/supply-chains/criticality", "/api/supply-chains/criticality", "/supply-chains/outside/**")
                .hasAnyRole("CITY_OFFICIAL", "DISTRICT_OFFICIAL")
                .requestMatchers("/supply-chains", "/supply-chains/**", "/api/supply-chains/**")
                .hasAnyRole("CITY_OFFICIAL", "DISTRICT_OFFICIAL", "ENTERPRISE");
    }

    @Bean
    NavigationItem supplyChainNavigation() {
        return new NavigationItem(
                "nav.supplyChains",
                "nav.supplyChains.description",
                "/supply-chains",
                28,
                EnumSet.of(Role.CITY_OFFICIAL, Role.DISTRICT_OFFICIAL, Role.ENTERPRISE));
    }
}
