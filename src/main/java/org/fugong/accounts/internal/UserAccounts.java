package org.fugong.accounts.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fugong.access.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The users, in account_user: read whole, saved whole, a stale copy refused by its version. */
@Repository
public class UserAccounts {

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user with this name, whatever its case. */
    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select * from account_user where lower(username) = lower(?)")
                .param(username)
                .query((rs, n) -> UserAccount.read(rs))
                .optional();
    }

    public boolean existsByRole(Role role) {
        return jdbc.sql("select exists (select 1 from account_user where role = ?)")
                .param(role.name())
                .query(Boolean.class)
                .single();
    }

    public Optional<UserAccount> findById(UUID id) {
        return jdbc.sql("select * from account_user where id = ?")
                .param(id)
                .query((rs, n) -> UserAccount.read(rs))
                .optional();
    }

    public List<UserAccount> findAllById(Collection<UUID> ids) {
        return jdbc.sql("select * from account_user where id = any(?)")
                .param(ids.toArray(new UUID[0]))
                .query((rs, n) -> UserAccount.read(rs))
                .list();
    }

    /**
     * Inserts a new user or updates a stored one; an update of a copy someone else saved since it was
     * read is refused with {@link OptimisticLockingFailureException}.
     */
    @Transactional
    public UserAccount saveAndFlush(UserAccount account) {
        Map<String, @Nullable Object> columns = account.columns();
        if (!account.isStored()) {
            jdbc.sql("insert into account_user (" + String.join(", ", columns.keySet()) + ", version) values ("
                            + columns.keySet().stream().map(c -> ":" + c).collect(Collectors.joining(", "))
                            + ", 0)")
                    .params(columns)
                    .update();
            account.saved(0);
            return account;
        }
        columns.remove("created_at");
        int updated = jdbc.sql("update account_user set "
                        + columns.keySet().stream()
                                .filter(c -> !c.equals("id"))
                                .map(c -> c + " = :" + c)
                                .collect(Collectors.joining(", "))
                        + ", version = version + 1 where id = :id and version = :version")
                .params(columns)
                .param("version", account.getVersion())
                .update();
        if (updated == 0) {
            throw new OptimisticLockingFailureException("User " + account.getId() + " was changed by someone else");
        }
        account.saved(account.getVersion() + 1);
        return account;
    }
}
