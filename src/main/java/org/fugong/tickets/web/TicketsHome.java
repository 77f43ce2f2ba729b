package org.fugong.tickets.web;

import java.util.Optional;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.shell.HomePage;
import org.springframework.stereotype.Component;

/** A department officer's home is its unit's queue of problems. */
@Component
class TicketsHome implements HomePage {

    @Override
    public Optional<String> pathFor(Actor actor) {
        return actor.hasRole(Role.DEPARTMENT_OFFICER) ? Optional.of("/tickets") : Optional.empty();
    }
}
