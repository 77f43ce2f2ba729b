package org.fugong.accounts.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.fugong.access.MachineAuthentication;
import org.fugong.access.RouteAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * One filter chain for pages and API. Each module declares its routes through a
 * {@link RouteAccess} bean; whatever no module declares is denied.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            // Bootstrap components, ECharts and Swagger UI set style attributes; no script runs inline.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            List<RouteAccess> modules,
            List<MachineAuthentication> machines,
            LoginFailureHandler loginFailureHandler,
            LoginAttempts loginAttempts)
            throws Exception {
        http.authorizeHttpRequests(routes -> {
                    modules.forEach(module -> module.declare(routes));
                    routes.anyRequest().denyAll();
                })
                .formLogin(form -> form.loginPage("/login")
                        .permitAll()
                        .failureHandler(loginFailureHandler)
                        .defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessUrl("/login?logout")
                        .permitAll())
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                                new HtmxLoginEntryPoint(), new RequestHeaderRequestMatcher("HX-Request", "true"))
                        .defaultAuthenticationEntryPointFor(
                                new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), request -> true))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                // Machine clients call the JSON API with HTTP Basic credentials (the health bureau's system) or a
                // bearer token (gate devices) and no session: only such requests skip CSRF. A request that brings a
                // session cookie is a browser's and is checked, whatever header it adds, so that a stray or wrong
                // credential cannot carry a session's request past the check.
                .httpBasic(basic -> basic.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfiguration::machineRequest))
                .addFilterBefore(new MachineAuthenticationFilter(machines), BasicAuthenticationFilter.class)
                .addFilterBefore(new LoginThrottleFilter(loginAttempts), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new PasswordChangeRequiredFilter(), AuthorizationFilter.class);
        return http.build();
    }

    /** An API request authenticated by its own credential alone: a Basic or Bearer header and no session cookie. */
    static boolean machineRequest(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        boolean credential =
                authorization != null && (authorization.startsWith("Basic ") || authorization.startsWith("Bearer "));
        boolean session = request.getRequestedSessionId() != null || hasSessionCookie(request);
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/") && credential && !session;
    }

    private static boolean hasSessionCookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return false;
        }
        for (var cookie : request.getCookies()) {
            if (cookie.getName().equals("SESSION") || cookie.getName().equals("JSESSIONID")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks the password before the account's state, so that a wrong password gets the same answer
     * whether the account is enabled, disabled, pending or locked, or does not exist.
     */
    @Bean
    DaoAuthenticationProvider authenticationProvider(UserDetailsService users, PasswordEncoder passwordEncoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(passwordEncoder);
        provider.setPreAuthenticationChecks(user -> {});
        provider.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        return provider;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    RouteAccess accountRoutes() {
        // The login page by its path: formLogin's own permitAll matches the exact URL, query included,
        // so "/login?lang=en" or "/login?error=bad" would otherwise fall to the catch-all.
        return routes -> routes.requestMatchers(HttpMethod.GET, "/login")
                .permitAll()
                .requestMatchers("/signup")
                .permitAll()
                .requestMatchers("/account/**")
                .authenticated()
                .requestMatchers("/admin/users", "/admin/users/**")
                .hasAnyRole("CITY_OFFICIAL", "DISTRICT_OFFICIAL")
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                .permitAll()
                .requestMatchers("/actuator/prometheus")
                .hasRole("CITY_OFFICIAL")
                .requestMatchers(
                        "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**")
                .hasAnyRole("CITY_OFFICIAL", "DISTRICT_OFFICIAL", "DEPARTMENT_OFFICER");
    }

    /**
     * A session that expired during an htmx request must send the whole page to the login form,
     * not put the form inside a fragment: htmx follows {@code HX-Redirect}.
     */
    static final class HtmxLoginEntryPoint implements AuthenticationEntryPoint {
        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException {
            response.setHeader("HX-Redirect", request.getContextPath() + "/login");
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }
}
