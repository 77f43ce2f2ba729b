package org.fugong.shell;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Times are stored as instants and shown in the city's time zone (Asia/Shanghai by default).
 * Templates call it as {@code ${@times.format(instant)}}.
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter DATE_TIME_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final ZoneId zone;
    private final Clock clock;

    Times(@Value("${fugong.city.time-zone:Asia/Shanghai}") ZoneId zone, Clock clock) {
        this.zone = zone;
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public String format(@Nullable Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(zone));
    }

    public String formatSeconds(@Nullable Instant instant) {
        return instant == null ? "" : DATE_TIME_SECONDS.format(instant.atZone(zone));
    }

    public String time(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    public Instant startOfDay(LocalDate date) {
        return date.atStartOfDay(zone).toInstant();
    }

    /**
     * A date a form typed (ISO), or null when there is none (the step says whether it is required);
     * one that cannot be read is refused at its field with the message key.
     */
    public static @Nullable LocalDate parseDate(@Nullable String text, String field, String messageKey) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, messageKey);
        }
    }
}
