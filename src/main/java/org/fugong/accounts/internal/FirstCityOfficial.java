package org.fugong.accounts.internal;

import org.fugong.access.Role;
import org.fugong.accounts.UserAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Without demo data there is no account and no default password anywhere: the first city
 * official is created from {@code FUGONG_ACCOUNTS_ADMIN_USERNAME} and
 * {@code FUGONG_ACCOUNTS_ADMIN_PASSWORD}, once, when no city official exists yet.
 */
@Component
class FirstCityOfficial {

    private static final Logger log = LoggerFactory.getLogger(FirstCityOfficial.class);
    private static final long LOCK_KEY = 0x4655_474f_4e47_0002L;

    private final AccountsProperties properties;
    private final UserAccounts accounts;
    private final UserAdministration administration;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;

    FirstCityOfficial(
            AccountsProperties properties,
            UserAccounts accounts,
            UserAdministration administration,
            TransactionTemplate transaction,
            JdbcClient jdbc) {
        this.properties = properties;
        this.accounts = accounts;
        this.administration = administration;
        this.transaction = transaction;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationStartedEvent.class)
    void createIfConfigured() {
        String username = properties.adminUsername();
        String password = properties.adminPassword();
        if (username == null || username.isBlank() || password == null || password.isBlank()) {
            if (!accounts.existsByRole(Role.CITY_OFFICIAL)) {
                log.warn("No city official exists. Set FUGONG_ACCOUNTS_ADMIN_USERNAME and "
                        + "FUGONG_ACCOUNTS_ADMIN_PASSWORD to create the first one.");
            }
            return;
        }
        transaction.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK_KEY).query().singleRow();
            if (accounts.existsByRole(Role.CITY_OFFICIAL)) {
                return;
            }
            administration.createAsSystem(
                    new UserAdministration.NewUser(username, username, Role.CITY_OFFICIAL, null, null, null),
                    password,
                    true);
            log.info("Created the first city official '{}'; the password must be changed at first sign-in.", username);
        });
    }
}
