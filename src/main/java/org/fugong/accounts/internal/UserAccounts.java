package org.fugong.accounts.internal;

import java.util.Optional;
import java.util.UUID;
import org.fugong.access.Role;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface UserAccounts extends JpaRepository<UserAccount, UUID> {

    @Query("select u from UserAccount u where lower(u.username) = lower(?1)")
    Optional<UserAccount> findByUsername(String username);

    boolean existsByRole(Role role);
}
