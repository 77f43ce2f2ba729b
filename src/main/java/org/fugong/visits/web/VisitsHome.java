package org.fugong.visits.web;

import java.util.Optional;
import org.fugong.access.Actor;
import org.fugong.access.Role;
import org.fugong.shell.HomePage;
import org.springframework.stereotype.Component;

/** A commissioner's home is his work: the visits worklist. */
@Component
class VisitsHome implements HomePage {

    @Override
    public Optional<String> pathFor(Actor actor) {
        return actor.hasRole(Role.COMMISSIONER) ? Optional.of("/visits") : Optional.empty();
    }
}
