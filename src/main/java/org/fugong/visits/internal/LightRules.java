package org.fugong.visits.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fugong.visits.Light;

/**
 * One version of the light rules, and the rule itself: what a visit's answers and the lights of the
 * visits before it make. Pure: the rule table is tested without a database.
 */
public record LightRules(
        int version,
        String name,
        int yellowsInARowForRed,
        boolean seriousFailureIsRed,
        int seriousDeadlineDays,
        int otherDeadlineDays,
        int redEveryDays,
        int yellowEveryDays,
        int greenEveryDays) {

    /** Why a light is what it is: a message key and its arguments, stored with the visit. */
    public record Reason(String key, List<String> args) {}

    public record Outcome(Light light, List<Reason> reasons) {}

    /** An answered item as the rule needs it. */
    public record Answer(String code, ItemResult result, boolean serious) {}

    /**
     * The light of a visit: green when no applicable item failed; yellow when one or more failed;
     * red when a failed item is serious (if the rules say so), when this is the n-th non-green visit
     * in a row, or when the enterprise was red and this visit is not green.
     *
     * @param before the lights of the visits before this one, the latest first
     */
    public Outcome light(List<Answer> answers, List<Light> before) {
        List<String> failed = new ArrayList<>();
        List<String> serious = new ArrayList<>();
        int passed = 0;
        for (Answer answer : answers) {
            if (answer.result() == ItemResult.FAILED) {
                failed.add(answer.code());
                if (answer.serious()) {
                    serious.add(answer.code());
                }
            } else if (answer.result() == ItemResult.PASSED) {
                passed++;
            }
        }
        List<Reason> reasons = new ArrayList<>();
        if (failed.isEmpty()) {
            reasons.add(new Reason("visits.reason.allPassed", List.of(String.valueOf(passed))));
            return new Outcome(Light.GREEN, reasons);
        }
        reasons.add(
                new Reason("visits.reason.failed", List.of(String.valueOf(failed.size()), String.join(", ", failed))));
        Light light = Light.YELLOW;
        if (seriousFailureIsRed && !serious.isEmpty()) {
            light = Light.RED;
            reasons.add(new Reason("visits.reason.serious", List.of(String.join(", ", serious))));
        }
        int run = 1;
        for (Light earlier : before) {
            if (earlier == Light.GREEN) {
                break;
            }
            run++;
        }
        if (run >= yellowsInARowForRed) {
            light = Light.RED;
            reasons.add(new Reason("visits.reason.inARow", List.of(String.valueOf(run))));
        } else if (!before.isEmpty() && before.get(0) == Light.RED) {
            light = Light.RED;
            reasons.add(new Reason("visits.reason.stillRed", List.of()));
        }
        return new Outcome(light, reasons);
    }

    /** Days from a visit to the deadline of the order a failed item opens. */
    public int deadlineDays(boolean serious) {
        return serious ? seriousDeadlineDays : otherDeadlineDays;
    }

    /** How long after a visit the next one is due, by the light it gave. */
    public Duration every(Light light) {
        return Duration.ofDays(
                switch (light) {
                    case RED -> redEveryDays;
                    case YELLOW -> yellowEveryDays;
                    case GREEN -> greenEveryDays;
                });
    }
}
