package org.fugong.healthcode.internal;

import java.util.ArrayList;
import java.util.List;
import org.fugong.enterprises.ContactPhone;
import org.fugong.healthcode.ResidentId;
import org.fugong.shell.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Who a citizen says he is, as typed on a page without an account: an ID number, a name as on the
 * card and a mobile phone, each normalised. Asking for a code and asking for a new phone check it
 * the same way.
 */
record Claim(String idNumber, String name, String phone) {

    /**
     * The claim, or a refusal naming each wrong field together with the caller's own problems
     * (the fields a form adds to the three).
     */
    static Claim of(
            @Nullable String idNumber,
            @Nullable String name,
            @Nullable String phone,
            List<InvalidInputException.Problem> otherProblems) {
        String id = ResidentId.normalise(idNumber == null ? "" : idNumber);
        String person = ResidentId.normaliseName(name);
        String mobile = ContactPhone.normalise(phone == null ? "" : phone);
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        if (id == null) {
            problems.add(new InvalidInputException.Problem("idNumber", "healthcode.error.idNumber", List.of()));
        }
        if (person == null) {
            problems.add(new InvalidInputException.Problem("name", "healthcode.error.name", List.of()));
        }
        if (mobile == null || !mobile.startsWith("1") || mobile.length() != 11) {
            problems.add(new InvalidInputException.Problem("phone", "healthcode.error.phone", List.of()));
        }
        problems.addAll(otherProblems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Claim(id, person, mobile);
    }
}
