package org.fugong.geography.web;

import java.util.EnumSet;
import org.fugong.access.Role;
import org.fugong.access.RouteAccess;
import org.fugong.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/** Districts and townships are public knowledge: every signed-in user may read them. */
@Configuration(proxyBeanMethods = false)
class GeographyRoutes implements RouteAccess {

    @Override
    public void declare(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers("/geography", "/api/geography/**").authenticated();
    }

    @Bean
    NavigationItem geographyNavigation() {
        return new NavigationItem(
                "nav.geography",
                "nav.geography.description",
                "/geography",
                90,
                EnumSet.of(Role.CITY_OFFICIAL, Role.DISTRICT_OFFICIAL, Role.DEPARTMENT_OFFICER, Role.COMMISSIONER));
    }
}
