package org.fugong.tickets;

import org.fugong.access.Actor;
import org.fugong.geography.Named;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The units that handle tickets: district service groups, departments and the command center. */
@Service
public class TicketUnits {

    public static final String COMMAND_CENTER = "CITY";

    public record Unit(String code, String kind, @Nullable String districtCode, @Nullable String department,
                       String nameZh, String nameEn, String headName, @Nullable String headEmail) implements Named {
    }

    private final JdbcClient jdbc;
    private volatile @Nullable Map<String, Unit> units;

    TicketUnits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One service group per district of the loaded city, made when the application starts (the
     * districts are data loaded after the migrations), before anything files a ticket.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationStartedEvent.class)
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    void ensureDistrictGroups() {
        jdbc.sql("""
                insert into ticket_unit (code, kind, district_code, name_zh, name_en, head_name)
                select 'D-' || code, 'DISTRICT_GROUP', code, name_zh || '企业服务组', name_en || ' service group', '组长'
                from geo_district
                on conflict (code) do nothing""").update();
        units = null;
    }

    public Map<String, Unit> all() {
        Map<String, Unit> loaded = units;
        if (loaded == null) {
            loaded = new LinkedHashMap<>();
            for (Unit unit : jdbc.sql("select code, kind, district_code, department, name_zh, name_en, head_name, head_email "
                    + "from ticket_unit order by kind, code").query(Unit.class).list()) {
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
    public Optional<String> unitOf(Actor actor) {
        String code = switch (actor.role()) {
            case CITY_OFFICIAL -> COMMAND_CENTER;
            case DISTRICT_OFFICIAL -> "D-" + actor.districtCode();
            case DEPARTMENT_OFFICER -> "DEPT-" + actor.departmentCode();
            default -> null;
        };
        return code == null || !all().containsKey(code) ? Optional.empty() : Optional.of(code);
    }

    public static String districtGroup(String districtCode) {
        return "D-" + districtCode;
    }
}
