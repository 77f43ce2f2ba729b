package org.fugong.audit.web;

import java.util.EnumSet;
import org.fugong.access.Role;
import org.fugong.access.RouteAccess;
import org.fugong.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/** City officials read the whole trail, district officials their district's part of it. */
@Configuration(proxyBeanMethods = false)
class AuditRoutes implements RouteAccess {

    @Override
    public void declare(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers("/audit").hasAnyRole(Role.CITY_OFFICIAL.name(), Role.DISTRICT_OFFICIAL.name());
    }

    @Bean
    NavigationItem auditNavigation() {
        return new NavigationItem(
                "nav.audit",
                "nav.audit.description",
                "/audit",
                85,
                EnumSet.of(Role.CITY_OFFICIAL, Role.DISTRICT_OFFICIAL));
    }
}
