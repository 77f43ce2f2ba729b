package org.fugong.accounts.web;

import java.util.EnumSet;
import org.fugong.access.Role;
import org.fugong.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccountsNavigation {

    @Bean
    NavigationItem usersNavigation() {
        return new NavigationItem(
                "nav.users",
                "nav.users.description",
                "/admin/users",
                80,
                EnumSet.of(Role.CITY_OFFICIAL, Role.DISTRICT_OFFICIAL));
    }
}
