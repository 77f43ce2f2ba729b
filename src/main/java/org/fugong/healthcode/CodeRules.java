package org.fugong.healthcode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The colour rules, without a database: every fact that calls for a colour (a list entry, a
 * declaration, a check-in with symptoms) is a trigger with a number of days; a trigger stays
 * active until the person has checked in healthy on that many days after it — a missed day simply
 * does not count, so it extends the period. The code shows the most severe active trigger.
 */
public final class CodeRules {

    public enum Level {
        HIGH,
        MEDIUM,
        LOW
    }

    public enum Symptoms {
        NONE,
        MILD,
        FEVER
    }

    /** A rule set's parameters (version, days of each colour, the fever threshold, how far back places count). */
    public record RuleSet(int version, int redDays, int yellowDays, double feverAt, int lookBackDays) {}

    public record Declaration(
            LocalDate on,
            List<Level> placeLevels,
            boolean contact,
            Symptoms symptoms,
            @Nullable Double temperature) {}

    public record CheckIn(LocalDate day, double temperature, Symptoms symptoms) {}

    public record ListEntry(String kind, LocalDate on) {}

    /** Why a colour: the message key, its day, and the progress of healthy check-ins. */
    public record Reason(String key, LocalDate since, CodeColour colour, int healthyDays, int neededDays) {}

    public record Result(CodeColour colour, List<Reason> reasons) {}

    private record Trigger(String key, LocalDate on, CodeColour colour, int days) {}

    private CodeRules() {}

    public static Result evaluate(
            RuleSet rules,
            List<Declaration> declarations,
            List<CheckIn> checkIns,
            List<ListEntry> lists,
            LocalDate today) {
        return evaluate(rules, declarations, checkIns, lists, today, null);
    }

    /**
     * As above, with an accepted correction: whatever called for a colour up to and including
     * {@code clearedThrough} no longer counts.
     */
    public static Result evaluate(
            RuleSet rules,
            List<Declaration> declarations,
            List<CheckIn> checkIns,
            List<ListEntry> lists,
            LocalDate today,
            @Nullable LocalDate clearedThrough) {
        List<Trigger> triggers = new ArrayList<>();
        for (ListEntry entry : lists) {
            triggers.add(
                    new Trigger("healthcode.reason.list." + entry.kind(), entry.on(), CodeColour.RED, rules.redDays()));
        }
        for (Declaration d : declarations) {
            if (d.contact()) {
                triggers.add(new Trigger("healthcode.reason.contact", d.on(), CodeColour.RED, rules.redDays()));
            }
            if (d.symptoms() == Symptoms.FEVER || (d.temperature() != null && d.temperature() >= rules.feverAt())) {
                triggers.add(new Trigger("healthcode.reason.fever", d.on(), CodeColour.RED, rules.redDays()));
            } else if (d.symptoms() == Symptoms.MILD) {
                triggers.add(new Trigger("healthcode.reason.mild", d.on(), CodeColour.YELLOW, rules.yellowDays()));
            }
            if (d.placeLevels().contains(Level.HIGH)) {
                triggers.add(new Trigger("healthcode.reason.highRisk", d.on(), CodeColour.RED, rules.redDays()));
            } else if (d.placeLevels().contains(Level.MEDIUM)) {
                triggers.add(
                        new Trigger("healthcode.reason.mediumRisk", d.on(), CodeColour.YELLOW, rules.yellowDays()));
            }
        }
        for (CheckIn c : checkIns) {
            if (c.symptoms() == Symptoms.FEVER || c.temperature() >= rules.feverAt()) {
                triggers.add(new Trigger("healthcode.reason.fever", c.day(), CodeColour.RED, rules.redDays()));
            } else if (c.symptoms() == Symptoms.MILD) {
                triggers.add(new Trigger("healthcode.reason.mild", c.day(), CodeColour.YELLOW, rules.yellowDays()));
            }
        }
        Set<LocalDate> healthy = new TreeSet<>();
        for (CheckIn c : checkIns) {
            if (c.symptoms() == Symptoms.NONE
                    && c.temperature() < rules.feverAt()
                    && !c.day().isAfter(today)) {
                healthy.add(c.day());
            }
        }
        List<Reason> active = new ArrayList<>();
        for (Trigger t : triggers) {
            if (t.on().isAfter(today) || (clearedThrough != null && !t.on().isAfter(clearedThrough))) {
                continue;
            }
            int days = (int) healthy.stream().filter(day -> day.isAfter(t.on())).count();
            if (days < t.days()) {
                active.add(new Reason(t.key(), t.on(), t.colour(), days, t.days()));
            }
        }
        active.sort(Comparator.comparing((Reason r) -> r.colour().ordinal())
                .reversed()
                .thenComparing(Reason::since));
        CodeColour colour = active.isEmpty() ? CodeColour.GREEN : active.get(0).colour();
        return new Result(colour, active);
    }
}
