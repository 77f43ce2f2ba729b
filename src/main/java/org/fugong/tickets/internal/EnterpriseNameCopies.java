package org.fugong.tickets.internal;

import java.util.List;
import java.util.UUID;
import org.fugong.access.Scope;
import org.fugong.enterprises.EnterpriseDirectory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A ticket keeps its enterprise's name from the moment it is filed, so that the desk never reads
 * the registry's table. Tickets filed before the desk kept it get it once, at start, from the
 * registry's API.
 */
@Component
class EnterpriseNameCopies {

    private final JdbcClient jdbc;
    private final EnterpriseDirectory enterprises;

    EnterpriseNameCopies(JdbcClient jdbc, EnterpriseDirectory enterprises) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Transactional
    public void fillMissing() {
        List<UUID> missing = jdbc.sql("select distinct enterprise_id from ticket where enterprise_name is null")
                .query(UUID.class)
                .list();
        for (UUID id : missing) {
            jdbc.sql("update ticket set enterprise_name = ? where enterprise_id = ? and enterprise_name is null")
                    .params(enterprises.get(Scope.city(), id).name(), id)
                    .update();
        }
    }
}
