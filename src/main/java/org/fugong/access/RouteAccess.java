package org.fugong.access;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A module's declaration of which roles may reach its routes. Every module with routes provides
 * one; a route that no module declares is denied to everyone.
 */
@FunctionalInterface
public interface RouteAccess {

    void declare(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes);
}
