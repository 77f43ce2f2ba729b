package org.fugong.shell.web;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fugong.access.CurrentActor;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.Navigation;
import org.fugong.shell.RequestRefusedException;
import org.fugong.shell.StaleVersionException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The one place where a refused request becomes an answer, for every module: the refusal's status
 * with the error page that says why, or, for the API, a JSON body with the reason and the problems
 * by field. A form that takes an invalid input back to its page catches it before it gets here.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class RefusalAdvice {

    private final Navigation navigation;
    private final CurrentActor currentActor;

    RefusalAdvice(Navigation navigation, CurrentActor currentActor) {
        this.navigation = navigation;
        this.currentActor = currentActor;
    }

    @ExceptionHandler(RequestRefusedException.class)
    Object refused(RequestRefusedException refusal, HttpServletRequest request) {
        Map<String, String> problems = refusal instanceof InvalidInputException invalid ? invalid.problems() : null;
        return answer(request, refusal.status(), refusal.messageKey(), problems);
    }

    /** A JPA entity saved over a newer version: the same as any stale form. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    Object stale(HttpServletRequest request) {
        return refused(new StaleVersionException(), request);
    }

    /**
     * PostgreSQL refused a value the request brought (SQLSTATE class 22, a data exception: a date
     * beyond its calendar, a number out of range): the request is refused as sent, not a server
     * error. Any other database failure stays a server error.
     */
    @ExceptionHandler(DataAccessException.class)
    Object database(DataAccessException failure, HttpServletRequest request) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("22")) {
                return answer(request, HttpStatus.BAD_REQUEST.value(), "error.400.text", null);
            }
        }
        throw failure;
    }

    /**
     * Date arithmetic beyond the calendar (the day after 31 December of the year 999,999,999): a
     * date no one means, refused as sent.
     */
    @ExceptionHandler(DateTimeException.class)
    Object impossibleDate(HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST.value(), "error.400.text", null);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(HttpServletRequest request) {
        return answer(request, HttpStatus.CONTENT_TOO_LARGE.value(), "error.413.text", null);
    }

    /** An upload that is no upload is the client's error. */
    @ExceptionHandler({MultipartException.class, MissingServletRequestPartException.class})
    Object notAnUpload(HttpServletRequest request) {
        return answer(request, HttpStatus.BAD_REQUEST.value(), null, null);
    }

    private Object answer(
            HttpServletRequest request,
            int status,
            @Nullable String messageKey,
            @Nullable Map<String, String> problems) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (wantsJson(request, path)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("error", HttpStatus.valueOf(status).getReasonPhrase());
            body.put("messageKey", messageKey);
            if (problems != null) {
                body.put("problems", problems);
            }
            body.put("path", path);
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body);
        }
        ModelAndView page = new ModelAndView("error", HttpStatus.valueOf(status));
        page.addObject("status", status);
        page.addObject("messageKey", messageKey);
        page.addObject("currentPath", path);
        page.addObject(
                "navigation", currentActor.find().map(navigation::itemsFor).orElse(List.of()));
        return page;
    }

    private static boolean wantsJson(HttpServletRequest request, String path) {
        if (path.startsWith("/api/")) {
            return true;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null
                && accept.contains(MediaType.APPLICATION_JSON_VALUE)
                && !accept.contains(MediaType.TEXT_HTML_VALUE);
    }
}
