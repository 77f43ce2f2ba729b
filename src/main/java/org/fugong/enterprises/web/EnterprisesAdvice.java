package org.fugong.enterprises.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fugong.enterprises.ApplicationNotFoundException;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseNotFoundException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import java.io.IOException;

/**
 * An unknown enterprise is a 404 and a forged page cursor a 400, rendered by the error pages
 * (HTML for pages, JSON for the API).
 */
@ControllerAdvice(basePackageClasses = EnterprisesAdvice.class)
class EnterprisesAdvice {

    @ExceptionHandler({EnterpriseNotFoundException.class, ApplicationNotFoundException.class})
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    @ExceptionHandler(EnterpriseDirectory.InvalidCursorException.class)
    void badCursor(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }
}
