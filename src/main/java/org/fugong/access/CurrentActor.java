package org.fugong.access;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The actor of the current request and its scope. */
@Component
public class CurrentActor {

    private final ObjectProvider<AssignmentDirectory> assignments;
    private final ObjectProvider<HandlingUnits> units;

    CurrentActor(ObjectProvider<AssignmentDirectory> assignments, ObjectProvider<HandlingUnits> units) {
        this.assignments = assignments;
        this.units = units;
    }

    public Optional<Actor> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
            return Optional.of(actor);
        }
        return Optional.empty();
    }

    public Actor get() {
        return find().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("No signed-in user"));
    }

    public Scope scope() {
        return scopeOf(get());
    }

    public Scope scopeOf(Actor actor) {
        Set<UUID> assigned = Set.of();
        if (actor.role() == Role.COMMISSIONER) {
            @Nullable AssignmentDirectory directory = assignments.getIfAvailable();
            assigned = directory == null ? Set.of() : directory.enterprisesOf(actor.id());
        }
        @Nullable HandlingUnits handling = units.getIfAvailable();
        String unit = handling == null ? null : handling.unitOf(actor).orElse(null);
        return Scope.of(actor, assigned, unit);
    }
}
