package org.fugong.accounts.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fugong.accounts.AccountStateException;
import org.fugong.accounts.StaleAccountException;
import org.fugong.accounts.UserNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.io.IOException;

/** Turns the accounts module's refusals into pages that say what happened. */
@ControllerAdvice(assignableTypes = {UserAdminController.class, PasswordController.class})
class AccountsAdvice {

    @ExceptionHandler(UserNotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    @ExceptionHandler({StaleAccountException.class, ObjectOptimisticLockingFailureException.class})
    @ResponseStatus(HttpStatus.CONFLICT)
    String stale(Model model) {
        model.addAttribute("messageKey", "error.stale");
        return "error/409";
    }

    @ExceptionHandler(AccountStateException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String illegalState(AccountStateException e, Model model) {
        model.addAttribute("messageKey", e.messageKey());
        return "error/409";
    }
}
