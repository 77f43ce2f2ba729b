package org.fugong.healthcode;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.geography.Geography;
import org.fugong.healthcode.internal.CodeStatus;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** What a person declares (places, contact, symptoms, arrival) and the daily check-in; each recomputes the colour. */
@Service
public class Declarations {

    public record DeclarationInput(
            List<String> places,
            boolean contact,
            CodeRules.Symptoms symptoms,
            @Nullable Double temperature,
            @Nullable LocalDate arrivedOn) {}

    private final JdbcClient jdbc;
    private final CodeStatus status;
    private final Geography geography;
    private final JsonMapper json;
    private final Times times;
    private final Clock clock;

    Declarations(JdbcClient jdbc, CodeStatus status, Geography geography, JsonMapper json, Times times, Clock clock) {
        this.jdbc = jdbc;
        this.status = status;
        this.geography = geography;
        this.json = json;
        this.times = times;
        this.clock = clock;
    }

    @Transactional
    /** A place outside the city that a citizen may declare: its code and its name. */
    public record Area(String code, String name) {}

    /** The places outside the city, by name, that the health bureau keeps. */
    @Transactional(readOnly = true)
    public List<Area> areas() {
        return jdbc.sql("select code, name from health_area order by name")
                .query(Area.class)
                .list();
    }

    public CodeStatus.Status declare(UUID personId, DeclarationInput input) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String place : input.places()) {
            boolean known = place.startsWith("OUT:")
                    ? jdbc.sql("select count(*) from health_area where code = ?")
                                    .param(place.substring(4))
                                    .query(Long.class)
                                    .single()
                            > 0
                    : geography.district(place).isPresent();
            if (!known) {
                problems.put("places", "healthcode.error.place");
            }
        }
        if (input.temperature() != null && (input.temperature() < 34 || input.temperature() > 43)) {
            problems.put("temperature", "healthcode.error.temperature");
        }
        LocalDate today = times.today();
        if (input.arrivedOn() != null
                && (input.arrivedOn().isAfter(today) || input.arrivedOn().isBefore(today.minusYears(1)))) {
            problems.put("arrivedOn", "healthcode.error.arrivedOn");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("""
                        insert into health_declaration (person_id, declared_on, places, contact, symptoms, temperature, arrived_on,
                                                        created_at)
                        values (?, ?, cast(? as jsonb), ?, ?, ?, ?, ?)""")
                .params(
                        personId,
                        Date.valueOf(today),
                        json.writeValueAsString(input.places()),
                        input.contact(),
                        input.symptoms().name(),
                        input.temperature(),
                        input.arrivedOn() == null ? null : Date.valueOf(input.arrivedOn()),
                        Timestamp.from(clock.instant()))
                .update();
        return status.recompute(personId);
    }

    /** Today's check-in (once a day; a second one the same day replaces the first). */
    @Transactional
    public CodeStatus.Status checkIn(UUID personId, double temperature, CodeRules.Symptoms symptoms) {
        if (temperature < 34 || temperature > 43) {
            throw new InvalidInputException(Map.of("temperature", "healthcode.error.temperature"));
        }
        jdbc.sql("""
                        insert into health_checkin (person_id, day, temperature, symptoms, created_at) values (?, ?, ?, ?, ?)
                        on conflict (person_id, day) do update set temperature = excluded.temperature,
                            symptoms = excluded.symptoms, created_at = excluded.created_at""")
                .params(
                        personId,
                        Date.valueOf(times.today()),
                        temperature,
                        symptoms.name(),
                        Timestamp.from(clock.instant()))
                .update();
        return status.recompute(personId);
    }
}
