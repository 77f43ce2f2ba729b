package org.fugong.access;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The actor of the current request and its scope. */
@Component
public class CurrentActor {

    private final ObjectProvider<AssignmentDirectory> assignments;

    CurrentActor(ObjectProvider<AssignmentDirectory> assignments) {
        this.assignments = assignments;
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
        return Scope.of(actor, assigned);
    }
}
