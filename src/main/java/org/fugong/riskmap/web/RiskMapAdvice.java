package org.fugong.riskmap.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fugong.riskmap.InvalidRiskInputException;
import org.fugong.riskmap.StaleIndicatorException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.io.IOException;

/** The risk map's refusals: stale forms are 409 with the reload message, bad keys 400. */
@ControllerAdvice(basePackageClasses = RiskMapAdvice.class)
class RiskMapAdvice {

    @ExceptionHandler(StaleIndicatorException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String stale(Model model) {
        model.addAttribute("messageKey", "error.stale");
        return "error/409";
    }

    @ExceptionHandler(InvalidRiskInputException.class)
    void invalid(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }
}
