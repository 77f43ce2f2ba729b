package org.fugong.accounts.internal;

import java.util.Locale;
import java.util.regex.Pattern;
import org.fugong.audit.AuditEntry;
import org.fugong.shell.InvalidInputException;
import org.jspecify.annotations.Nullable;

/** What every account obeys, however it is made: the shape of a username, the password rules, its audit entries. */
public final class AccountRules {

    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,59}");
    public static final int MIN_PASSWORD_LENGTH = 8;

    private AccountRules() {}

    /** A password is refused when it is short or contains the username. */
    public static void checkPassword(String username, String password, String field) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw InvalidInputException.of(field, "accounts.error.password.short");
        }
        if (password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw InvalidInputException.of(field, "accounts.error.password.username");
        }
    }

    /** An audit entry about a user, seen by its district and enterprise. */
    public static AuditEntry entry(UserAccount account, String action) {
        return AuditEntry.of("accounts", "User", account.getId(), action)
                .owner(account.getDistrictCode(), account.getEnterpriseId());
    }

    public static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
