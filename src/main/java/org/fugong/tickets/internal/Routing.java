package org.fugong.tickets.internal;

import org.fugong.tickets.TicketCategory;
import org.fugong.tickets.TicketUnits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Routing rules as data: a rule for the category and the district, else one for the category, else
 * the category's default unit ("DISTRICT" standing for the ticket's own district service group).
 */
@Service
public class Routing {

    private final JdbcClient jdbc;

    Routing(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public String route(TicketCategory category, String districtCode) {
        return jdbc.sql("""
                        select unit_code from ticket_route where category = ? and (district_code = ? or district_code is null)
                        order by district_code nulls last limit 1""")
                .params(category.name(), districtCode)
                .query(String.class)
                .optional()
                .or(() -> jdbc.sql("select unit_code from ticket_route_default where category = ?")
                        .param(category.name())
                        .query(String.class)
                        .optional())
                .map(unit -> unit.equals("DISTRICT") ? TicketUnits.districtGroup(districtCode) : unit)
                .orElse(TicketUnits.districtGroup(districtCode));
    }
}
