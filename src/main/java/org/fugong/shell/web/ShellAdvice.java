package org.fugong.shell.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.fugong.access.CurrentActor;
import org.fugong.shell.Navigation;
import org.fugong.shell.NavigationItem;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout needs on every page: the menu of the signed-in user and the city's name. */
@ControllerAdvice
class ShellAdvice {

    private final Navigation navigation;
    private final CurrentActor currentActor;

    ShellAdvice(Navigation navigation, CurrentActor currentActor) {
        this.navigation = navigation;
        this.currentActor = currentActor;
    }

    /** The path of the page, without the context path, for the active menu entry and the language links. */
    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original instanceof String errorUri ? errorUri : request.getRequestURI();
        return uri.substring(request.getContextPath().length());
    }

    @ModelAttribute("navigation")
    List<NavigationItem> navigation() {
        return currentActor.find().map(navigation::itemsFor).orElse(List.of());
    }
}
