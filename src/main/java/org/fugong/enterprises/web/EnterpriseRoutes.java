package org.fugong.enterprises.web;

import java.util.EnumSet;
import org.fugong.access.Role;
import org.fugong.access.RouteAccess;
import org.fugong.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/** The registry is for officials, commissioners and enterprises; each sees its scope of it. */
@Configuration(proxyBeanMethods = false)
class EnterpriseRoutes implements RouteAccess {

    static final String[] ROLES = {"CITY_OFFICIAL", "DISTRICT_OFFICIAL", "COMMISSIONER", "ENTERPRISE"};

    @Override
    public void declare(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.POST, "/applications/policy", "/applications/checklist")
                .hasRole("CITY_OFFICIAL")
                .requestMatchers(
                        "/applications/policy",
                        "/applications/checklist",
                        "/applications/queue",
                        "/applications/queue/**",
                        "/api/applications/figures")
                .hasAnyRole("CITY_OFFICIAL", "DISTRICT_OFFICIAL")
                .requestMatchers("/applications/mine", "/applications/new")
                .hasRole("ENTERPRISE")
                .requestMatchers(HttpMethod.POST, "/applications")
                .hasRole("ENTERPRISE")
                .requestMatchers("/applications/**", "/api/applications/**")
                .hasAnyRole(ROLES)
                .requestMatchers("/enterprises/imports", "/enterprises/imports/**")
                .hasAnyRole("CITY_OFFICIAL", "DISTRICT_OFFICIAL")
                .requestMatchers("/enterprises", "/enterprises/**", "/api/enterprises", "/api/enterprises/**")
                .hasAnyRole(ROLES);
    }

    @Bean
    NavigationItem enterprisesNavigation() {
        return new NavigationItem(
                "nav.enterprises",
                "nav.enterprises.description",
                "/enterprises",
                20,
                EnumSet.of(Role.CITY_OFFICIAL, Role.DISTRICT_OFFICIAL, Role.COMMISSIONER));
    }

    @Bean
    NavigationItem reviewQueueNavigation() {
        return new NavigationItem(
                "nav.applications.queue",
                "nav.applications.queue.description",
                "/applications/queue",
                25,
                EnumSet.of(Role.CITY_OFFICIAL, Role.DISTRICT_OFFICIAL));
    }

    @Bean
    NavigationItem ownApplicationsNavigation() {
        return new NavigationItem(
                "nav.applications.mine",
                "nav.applications.mine.description",
                "/applications/mine",
                21,
                EnumSet.of(Role.ENTERPRISE));
    }

    @Bean
    NavigationItem ownEnterpriseNavigation() {
        return new NavigationItem(
                "nav.ownEnterprise",
                "nav.ownEnterprise.description",
                "/enterprises/mine",
                20,
                EnumSet.of(Role.ENTERPRISE));
    }
}
