package org.fugong.healthcode;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.healthcode.internal.CodeStatus;
import org.fugong.healthcode.internal.HealthBureau;
import org.fugong.healthcode.internal.PersonKeys;
import org.fugong.healthcode.internal.PersonalDataCipher;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.Times;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The health bureau's lists of confirmed, suspected and close-contact persons. They override
 * declarations: a listed person is red. Entries are kept by the keyed hash of the ID number, never
 * the number, so that they apply also to someone who identifies later. All or nothing.
 */
@Service
public class HealthLists {

    public record Entry(String idNumber, String kind, LocalDate listedOn) {}

    /** What an import did: entries saved, people whose colour was computed again. */
    public record Imported(int entries, int recomputed) implements Serializable {}

    /** Entries one list may have. */
    public static final int MAX_ENTRIES = 100_000;

    private static final Set<String> KINDS = Set.of("CONFIRMED", "SUSPECTED", "CLOSE_CONTACT");

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final PersonalDataCipher cipher;
    private final PersonKeys keys;
    private final CodeStatus status;
    private final AuditTrail audit;
    private final Clock clock;
    private final Times times;

    HealthLists(
            JdbcClient jdbc,
            JdbcTemplate jdbcTemplate,
            PersonalDataCipher cipher,
            PersonKeys keys,
            CodeStatus status,
            AuditTrail audit,
            Clock clock,
            Times times) {
        this.times = times;
        this.jdbcTemplate = jdbcTemplate;
        this.keys = keys;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.status = status;
        this.audit = audit;
        this.clock = clock;
    }

    /** A place outside the city and its risk, as the health bureau keeps them (declarations name them "OUT:code"). */
    @Transactional
    public void setArea(Actor actor, String code, String name, CodeRules.Level level) {
        HealthBureau.require(actor);
        if (code == null
                || !code.matches("[A-Za-z0-9-]{1,30}")
                || name == null
                || name.isBlank()
                || name.length() > 100) {
            throw new InvalidInputException(Map.of("area", "healthcode.error.area"));
        }
        jdbc.sql("insert into health_area (code, name, level) values (?, ?, ?) "
                        + "on conflict (code) do update set name = excluded.name, level = excluded.level")
                .params(code, name.trim(), level.name())
                .update();
        audit.recordAs(
                actor.getUsername(),
                actor.role().name(),
                AuditEntry.of("healthcode", "Area", code, "HEALTH_AREA_SET")
                        .change(null, Map.of("name", name.trim(), "level", level.name())));
    }

    /** A place outside the city, with the level of risk the bureau gave it. */
    public record Area(String code, String name, CodeRules.Level level) {}

    /** The places outside the city, by level and name. */
    @Transactional(readOnly = true)
    public List<Area> areas() {
        return jdbc.sql("select code, name, level from health_area order by level, name")
                .query(Area.class)
                .list();
    }

    @Transactional
    public Imported importEntries(Actor actor, String source, List<Entry> entries) {
        HealthBureau.require(actor);
        if (entries.size() > MAX_ENTRIES) {
            throw InvalidInputException.of("file", "import.error.tooManyLines", MAX_ENTRIES);
        }
        Map<String, String> problems = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (ResidentId.normalise(e.idNumber()) == null) {
                problems.put("line " + (i + 1), "healthcode.error.idNumber");
            } else if (e.kind() == null || !KINDS.contains(e.kind())) {
                problems.put("line " + (i + 1), "healthcode.error.kind");
            } else if (e.listedOn() == null
                    || e.listedOn().isAfter(times.today().plusDays(1))) {
                problems.put("line " + (i + 1), "healthcode.error.listedOn");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<byte[]> hashes = new ArrayList<>(entries.size());
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            byte[] hash = cipher.hash("id", ResidentId.normalise(e.idNumber()));
            hashes.add(hash);
            rows.add(new Object[] {hash, e.kind(), Date.valueOf(e.listedOn()), source, now});
        }
        for (int from = 0; from < rows.size(); from += 1000) {
            jdbcTemplate.batchUpdate(
                    "insert into health_list_entry (id_hash, kind, listed_on, source, created_at) values (?, ?, ?, ?, ?)",
                    rows.subList(from, Math.min(rows.size(), from + 1000)));
        }
        List<UUID> people = keys.findAll(hashes).stream().distinct().toList();
        status.recomputeAll(people);
        audit.recordAs(
                actor.getUsername(),
                actor.role().name(),
                AuditEntry.of("healthcode", "List", source, "HEALTH_LIST_IMPORTED")
                        .change(null, Map.of("entries", entries.size(), "known", people.size())));
        return new Imported(entries.size(), people.size());
    }
}
