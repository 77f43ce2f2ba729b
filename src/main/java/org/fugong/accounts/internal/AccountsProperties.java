package org.fugong.accounts.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxFailedLogins how many wrong passwords in a row lock a name for the address they come from
 * @param lockDuration    how long such a lock lasts
 * @param maxFailuresPerAddress how many wrong passwords, for any names, block an address for the window
 * @param addressWindow   the window those are counted in, and how long the address stays blocked
 * @param adminUsername   the first city official, created at start-up when no city official exists
 *                        ({@code FUGONG_ACCOUNTS_ADMIN_USERNAME}); no default
 * @param adminPassword   its password ({@code FUGONG_ACCOUNTS_ADMIN_PASSWORD}); no default, must be
 *                        changed at first sign-in
 */
@ConfigurationProperties("fugong.accounts")
public record AccountsProperties(
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration lockDuration,
        @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("10m") Duration addressWindow,
        @Nullable String adminUsername,
        @Nullable String adminPassword) {}
