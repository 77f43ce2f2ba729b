package org.fugong.shell.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 400 a request whose parameters (query, form, multipart fields) or uploaded file
 * names hold a NUL character — no text the application keeps or searches may contain one, and
 * PostgreSQL refuses it, so it would otherwise end as a server error deep in a query — or whose
 * parameter holds more than {@link #MAX_VALUE} characters, more than any field of any form takes
 * (files are parts, not parameters, and are not held to it).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestParameterFilter extends OncePerRequestFilter {

    /** Characters one parameter may hold. */
    static final int MAX_VALUE = 20_000;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean refused;
        try {
            refused = hostile(request);
        } catch (RuntimeException e) {
            // The container refuses a NUL in a file name while it parses the parts: refused as sent, not an error.
            // Anything else (an upload too large) goes on to the upload's own answer.
            if (!invalidFileName(e)) {
                throw e;
            }
            refused = true;
        }
        if (refused) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "NUL character or over-long value in the request");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean invalidFileName(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().equals("InvalidFileNameException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hostile(HttpServletRequest request) throws IOException, ServletException {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (parameter.getKey().indexOf('\0') >= 0 || parameter.getKey().length() > MAX_VALUE) {
                return true;
            }
            for (String value : parameter.getValue()) {
                if (value != null && (value.indexOf('\0') >= 0 || value.length() > MAX_VALUE)) {
                    return true;
                }
            }
        }
        String type = request.getContentType();
        if (type != null && type.toLowerCase().startsWith("multipart/")) {
            try {
                for (Part part : request.getParts()) {
                    String name = part.getSubmittedFileName();
                    if (name != null && name.indexOf('\0') >= 0) {
                        return true;
                    }
                }
            } catch (IllegalStateException | ServletException e) {
                // Not a readable multipart body: the upload's own handling answers it.
                return false;
            }
        }
        return false;
    }
}
