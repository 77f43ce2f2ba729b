package org.fugong.tickets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fugong.access.Actor;
import org.fugong.access.HandlingUnits;
import org.fugong.access.Role;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.geography.District;
import org.fugong.geography.Geography;
import org.fugong.geography.Named;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.StaleVersionException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The units that handle tickets: district service groups, departments and the command center. */
@Service
public class TicketUnits implements HandlingUnits {

    public static final String COMMAND_CENTER = "CITY";

    public record Unit(
            String code,
            String kind,
            @Nullable String districtCode,
            @Nullable String department,
            String nameZh,
            String nameEn,
            String headName,
            @Nullable String headEmail)
            implements Named {}

    private final JdbcClient jdbc;
    private final Geography geography;
    private final AuditTrail audit;
    private volatile @Nullable Map<String, Unit> units;

    TicketUnits(JdbcClient jdbc, Geography geography, AuditTrail audit) {
        this.jdbc = jdbc;
        this.geography = geography;
        this.audit = audit;
    }

    /**
     * One service group per district of the loaded city, made when the application starts (the
     * districts are data loaded after the migrations), before anything files a ticket.
     */
    @EventListener(ApplicationStartedEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void ensureDistrictGroups() {
        for (District district : geography.districts()) {
            jdbc.sql("""
                            insert into ticket_unit (code, kind, district_code, name_zh, name_en, head_name)
                            values (?, 'DISTRICT_GROUP', ?, ?, ?, '组长')
                            on conflict (code) do nothing""")
                    .params(
                            districtGroup(district.code()),
                            district.code(),
                            district.nameZh() + "企业服务组",
                            district.nameEn() + " service group")
                    .update();
        }
        units = null;
    }

    public Map<String, Unit> all() {
        Map<String, Unit> loaded = units;
        if (loaded == null) {
            loaded = new LinkedHashMap<>();
            for (Unit unit : jdbc.sql(
                            "select code, kind, district_code, department, name_zh, name_en, head_name, head_email "
                                    + "from ticket_unit order by kind, code")
                    .query(Unit.class)
                    .list()) {
                loaded.put(unit.code(), unit);
            }
            units = loaded;
        }
        return loaded;
    }

    public Optional<Unit> find(String code) {
        return Optional.ofNullable(all().get(code));
    }

    public List<Unit> list() {
        return List.copyOf(all().values());
    }

    /** The unit an official works in: the district's service group, the department, or the command center. */
    @Override
    public Optional<String> unitOf(Actor actor) {
        String code = switch (actor.role()) {
            case CITY_OFFICIAL -> COMMAND_CENTER;
            case DISTRICT_OFFICIAL -> "D-" + actor.districtCode();
            case DEPARTMENT_OFFICER -> "DEPT-" + actor.departmentCode();
            default -> null;
        };
        return code == null || !all().containsKey(code) ? Optional.empty() : Optional.of(code);
    }

    /** The head of a unit, who receives its reminder notices (city officials only). */
    @Transactional
    public void setHead(Actor actor, String code, String headName, @Nullable String headEmail) {
        if (!actor.hasRole(Role.CITY_OFFICIAL)) {
            throw new AccessDeniedException("Only city officials edit the units");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        if (headName == null || headName.isBlank() || headName.length() > 100) {
            problems.put("headName", "ticket.error.headName");
        }
        String email = headEmail == null || headEmail.isBlank() ? null : headEmail.trim();
        if (email != null && (email.length() > 200 || !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"))) {
            problems.put("headEmail", "ticket.error.email");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Unit before = find(code).orElseThrow(StaleVersionException::new);
        jdbc.sql("update ticket_unit set head_name = ?, head_email = ? where code = ?")
                .params(headName.trim(), email, code)
                .update();
        units = null;
        audit.record(AuditEntry.of("tickets", "Unit", code, "TICKET_UNIT_HEAD_CHANGED")
                .change(
                        Map.of(
                                "headName",
                                before.headName(),
                                "headEmail",
                                before.headEmail() == null ? "" : before.headEmail()),
                        Map.of("headName", headName.trim(), "headEmail", email == null ? "" : email)));
    }

    public static String districtGroup(String districtCode) {
        return "D-" + districtCode;
    }
}
