package org.fugong.shell;

import java.util.Comparator;
import java.util.List;
import org.fugong.access.Actor;
import org.springframework.stereotype.Component;

/** All modules' menu entries, filtered for one actor. */
@Component
public class Navigation {

    private final List<NavigationItem> items;

    Navigation(List<NavigationItem> items) {
        this.items = items.stream()
                .sorted(Comparator.comparingInt(NavigationItem::order))
                .toList();
    }

    public List<NavigationItem> itemsFor(Actor actor) {
        return items.stream().filter(item -> item.visibleTo(actor)).toList();
    }
}
