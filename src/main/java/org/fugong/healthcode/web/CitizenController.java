package org.fugong.healthcode.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fugong.geography.Geography;
import org.fugong.healthcode.CodeRules;
import org.fugong.healthcode.Declarations;
import org.fugong.healthcode.Persons;
import org.fugong.healthcode.Staff;
import org.fugong.healthcode.internal.CodeStatus;
import org.fugong.healthcode.internal.Corrections;
import org.fugong.healthcode.internal.HealthCodes;
import org.fugong.healthcode.internal.Identification;
import org.fugong.healthcode.internal.QrCodes;
import org.fugong.shell.FormStep;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.LimitReachedException;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The citizen's own pages, without a staff account: identify with ID number, name and phone and a
 * one-time code; declare; check in every day; show the code. The pending identity is kept in the
 * session only encrypted (sessions live in the database).
 */
@Controller
class CitizenController {

    static final String PERSON = "healthcode.person";
    static final String PENDING = "healthcode.pending";

    /** Who the citizen says he is. */
    record IdentityForm(
            @Nullable String idNumber,
            @Nullable String name,
            @Nullable String phone) {}

    /** The one-time code he received. */
    record CodeForm(@Nullable String code) {}

    private final Persons persons;
    private final HealthCodes codes;
    private final CodeStatus status;
    private final Declarations declarations;
    private final Geography geography;
    private final JdbcClient jdbc;
    private final Staff staff;
    private final Corrections corrections;
    private final Times times;
    private final Identification identification;

    CitizenController(
            Times times,
            Corrections corrections,
            Staff staff,
            Persons persons,
            HealthCodes codes,
            CodeStatus status,
            Declarations declarations,
            Geography geography,
            JdbcClient jdbc,
            Identification identification) {
        this.staff = staff;
        this.corrections = corrections;
        this.times = times;
        this.identification = identification;
        this.persons = persons;
        this.codes = codes;
        this.status = status;
        this.declarations = declarations;
        this.geography = geography;
        this.jdbc = jdbc;
    }

    @GetMapping("/code")
    String start(HttpSession session, Model model) {
        if (session.getAttribute(PERSON) != null) {
            return "redirect:/code/me";
        }
        return identifyPage(model, session.getAttribute(PENDING) == null ? "identify" : "verify");
    }

    private static String identifyPage(Model model, String step) {
        if (!model.containsAttribute("identity")) {
            model.addAttribute("identity", new IdentityForm("", "", ""));
        }
        if (!model.containsAttribute("otp")) {
            model.addAttribute("otp", new CodeForm(""));
        }
        model.addAttribute("step", step);
        return "healthcode/identify";
    }

    @PostMapping("/code")
    String identify(
            @ModelAttribute("identity") IdentityForm form,
            BindingResult result,
            HttpServletRequest request,
            Model model,
            HttpServletResponse response) {
        return new FormStep(result, model, null, response)
                .run(
                        () -> {
                            var challenge = identification.start(
                                    form.idNumber(), form.name(), form.phone(), request.getRemoteAddr());
                            request.getSession().setAttribute(PENDING, challenge.id());
                            model.addAttribute("maskedPhone", challenge.maskedPhone());
                            model.addAttribute("demoCode", challenge.demoCode());
                            return identifyPage(model, "verify");
                        },
                        () -> identifyPage(model, "identify"));
    }

    @PostMapping("/code/verify")
    String verify(
            @ModelAttribute("otp") CodeForm form,
            BindingResult result,
            HttpServletRequest request,
            Model model,
            HttpServletResponse response) {
        HttpSession session = request.getSession();
        if (!(session.getAttribute(PENDING) instanceof UUID challenge)) {
            return refused(result, response, model, "healthcode.error.codeExpired", "identify");
        }
        UUID person;
        try {
            person = identification.confirm(challenge, form.code());
        } catch (InvalidInputException wrong) {
            // A wrong code may be typed again; an expired or used-up one sends the citizen back.
            boolean again = "healthcode.error.code".equals(wrong.messageKey());
            if (!again) {
                session.removeAttribute(PENDING);
            }
            return refused(result, response, model, wrong.messageKey(), again ? "verify" : "identify");
        } catch (LimitReachedException limit) {
            session.removeAttribute(PENDING);
            String page = refused(result, response, model, limit.messageKey(), "identify");
            response.setStatus(limit.status());
            return page;
        }
        session.removeAttribute(PENDING);
        // A new session id for the identified person: an id known before cannot ride on it.
        request.changeSessionId();
        session.setAttribute(PERSON, person);
        return "redirect:/code/me";
    }

    /** A one-time code refused: why, at the code, and the step the citizen is back at. */
    private static String refused(
            BindingResult result, HttpServletResponse response, Model model, String messageKey, String step) {
        InvalidInputException.of("code", messageKey).rejectInto(result);
        response.setStatus(422);
        return identifyPage(model, step);
    }

    @GetMapping("/code/me")
    String me(HttpSession session, Model model) {
        UUID person = (UUID) session.getAttribute(PERSON);
        if (person == null) {
            return "redirect:/code";
        }
        CodeStatus.Status current = status.recompute(person);
        model.addAttribute("status", current);
        model.addAttribute("employers", staff.employersOf(person));
        model.addAttribute("corrections", corrections.of(person));
        model.addAttribute("history", status.history(person));
        model.addAttribute(
                "declared",
                jdbc.sql("select count(*) from health_declaration where person_id = ?")
                                .param(person)
                                .query(Long.class)
                                .single()
                        > 0);
        model.addAttribute(
                "checkedInToday",
                jdbc.sql("select count(*) from health_checkin where person_id = ? and day = ?")
                                .params(person, Date.valueOf(times.today()))
                                .query(Long.class)
                                .single()
                        > 0);
        return qr(person, model, "healthcode/me");
    }

    /** The code alone, for the page to fetch a fresh one before the shown one expires. */
    @GetMapping("/code/me/qr")
    String refresh(HttpSession session, Model model) {
        UUID person = (UUID) session.getAttribute(PERSON);
        if (person == null) {
            return "redirect:/code";
        }
        return qr(person, model, "healthcode/me :: qr");
    }

    private String qr(UUID person, Model model, String view) {
        HealthCodes.Code code = codes.issue(person);
        model.addAttribute("code", code);
        model.addAttribute("svg", QrCodes.svg(code.token(), QrCodes.hex(code.colour())));
        model.addAttribute("maskedName", persons.maskedName(person).orElse(""));
        return view;
    }

    @GetMapping("/code/declare")
    String declareForm(HttpSession session, Model model) {
        if (session.getAttribute(PERSON) == null) {
            return "redirect:/code";
        }
        model.addAttribute("declaration", new DeclarationForm(List.of(), false, CodeRules.Symptoms.NONE, 36.5, null));
        return declarePage(model);
    }

    /** A declaration as the citizen fills it in. */
    record DeclarationForm(
            @Nullable List<String> places,
            @Nullable Boolean contact,
            CodeRules.@Nullable Symptoms symptoms,
            @Nullable Double temperature,

            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate arrivedOn) {}

    private String declarePage(Model model) {
        model.addAttribute("districts", geography.districts());
        model.addAttribute("areas", declarations.areas());
        return "healthcode/declare";
    }

    @PostMapping("/code/declare")
    String declare(
            @ModelAttribute("declaration") DeclarationForm form,
            BindingResult result,
            HttpSession session,
            Model model,
            HttpServletResponse response) {
        UUID person = (UUID) session.getAttribute(PERSON);
        if (person == null) {
            return "redirect:/code";
        }
        return new FormStep(result, model, null, response)
                .run(
                        () -> {
                            declarations.declare(
                                    person,
                                    new Declarations.DeclarationInput(
                                            form.places() == null ? List.of() : new ArrayList<>(form.places()),
                                            Boolean.TRUE.equals(form.contact()),
                                            form.symptoms() == null ? CodeRules.Symptoms.NONE : form.symptoms(),
                                            form.temperature(),
                                            form.arrivedOn()));
                            return "redirect:/code/me";
                        },
                        () -> declarePage(model));
    }

    @PostMapping("/code/checkin")
    String checkIn(
            @RequestParam(defaultValue = "36.5") double temperature,
            @RequestParam(defaultValue = "NONE") CodeRules.Symptoms symptoms,
            HttpSession session) {
        UUID person = (UUID) session.getAttribute(PERSON);
        if (person == null) {
            return "redirect:/code";
        }
        declarations.checkIn(person, temperature, symptoms);
        return "redirect:/code/me";
    }

    @PostMapping("/code/correction")
    String correction(
            @RequestParam(required = false) @Nullable String reason, HttpSession session, RedirectAttributes redirect) {
        UUID person = (UUID) session.getAttribute(PERSON);
        if (person == null) {
            return "redirect:/code";
        }
        try {
            corrections.request(person, reason);
            redirect.addFlashAttribute("success", "healthcode.correction.requested");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(
                    "problem", e.problems().values().iterator().next());
        }
        return "redirect:/code/me";
    }

    @PostMapping("/code/leave")
    String leave(HttpSession session) {
        session.removeAttribute(PERSON);
        session.removeAttribute(PENDING);
        return "redirect:/code";
    }
}
