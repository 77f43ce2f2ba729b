package org.fugong.shell;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How every controller takes a step that a form asked for: done, it goes on to the next page
 * (post-redirect-get, with the success message); refused, it shows the page again with why — an
 * invalid input at its fields and summed up above them by the form's errors fragment (422), a stale
 * form or a step the state does not allow with the reason (409), too many requests above the form
 * (429). A missing record or a forbidden one is not the form's business: those go on to the one
 * advice as 404 and 403.
 */
public record FormStep(
        BindingResult form, Model model, @Nullable RedirectAttributes redirect, HttpServletResponse response) {

    /**
     * A step of a page that binds no form object of its own (a table of small forms): its problems are
     * shown as problems of the page's form named {@code name}.
     */
    public static FormStep ofPage(
            String name, Model model, @Nullable RedirectAttributes redirect, HttpServletResponse response) {
        return new FormStep(new BeanPropertyBindingResult(new Object(), name), model, redirect, response);
    }

    /** The step a form posted to, named by the last part of its address ({@code …/{id}/resolve} → {@code resolve}). */
    public static String stepName(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.substring(uri.lastIndexOf('/') + 1);
    }

    /** Takes the step; done, redirects to {@code then} with the success message. */
    public String run(Runnable step, String successKey, String then, Supplier<String> pageAgain) {
        return run(
                () -> {
                    step.run();
                    if (redirect != null) {
                        redirect.addFlashAttribute("success", successKey);
                    }
                    return "redirect:" + then;
                },
                pageAgain);
    }

    /** Takes the step, which says where to go when done. */
    public String run(Supplier<String> step, Supplier<String> pageAgain) {
        if (form.getTarget() == null && form.hasErrors()) {
            // The form's object could not even be made from what was sent (a choice no page offers,
            // a number where a list was): not a mistake to show at a field, a request refused as sent.
            throw InvalidInputException.of(form.getObjectName(), "error.400.text");
        }
        try {
            return step.get();
        } catch (InvalidInputException invalid) {
            response.setStatus(422);
            invalid.rejectInto(form);
            if (!model.containsAttribute(form.getObjectName())) {
                model.addAttribute(form.getObjectName(), form.getTarget());
            }
            model.addAttribute(BindingResult.MODEL_KEY_PREFIX + form.getObjectName(), form);
            return pageAgain.get();
        } catch (LimitReachedException limit) {
            response.setStatus(limit.status());
            form.reject(limit.messageKey());
            model.addAttribute(BindingResult.MODEL_KEY_PREFIX + form.getObjectName(), form);
            return pageAgain.get();
        } catch (StaleVersionException | RefusedChangeException refused) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute(
                    "problem", refused instanceof StaleVersionException ? "error.staleShown" : refused.messageKey());
            return pageAgain.get();
        }
    }
}
