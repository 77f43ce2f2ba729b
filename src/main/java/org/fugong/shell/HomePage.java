package org.fugong.shell;

import java.util.Optional;
import org.fugong.access.Actor;

/**
 * A module's claim on an actor's home page: where {@code /} leads this actor, if the module has
 * the page that does its job (the dashboard for officials, the worklist for a commissioner, the
 * queue for a department officer). Without a claim the home page lists the menu.
 */
public interface HomePage {

    Optional<String> pathFor(Actor actor);
}
