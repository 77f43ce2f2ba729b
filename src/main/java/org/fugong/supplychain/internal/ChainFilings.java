package org.fugong.supplychain.internal;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fugong.access.Actor;
import org.fugong.access.Scope;
import org.fugong.audit.AuditEntry;
import org.fugong.audit.AuditTrail;
import org.fugong.enterprises.EnterpriseDirectory;
import org.fugong.enterprises.EnterpriseSummary;
import org.fugong.enterprises.applications.Application;
import org.fugong.enterprises.applications.ApplicationDesk;
import org.fugong.enterprises.applications.ApplicationStatus;
import org.fugong.shell.InvalidInputException;
import org.fugong.shell.Times;
import org.fugong.tickets.Ticket;
import org.fugong.tickets.TicketCategory;
import org.fugong.tickets.TicketDesk;
import org.fugong.tickets.TicketPriority;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Chain filing (同步备案, 龙头企业一次性提出整体复工企业名单): a lead files for its whole chain at once.
 * Each supplier in the city gets its open application marked with the chain, or a draft started
 * for it (through the applications API); each supplier outside the city gets a coordination ticket
 * at the ticket desk, once. All in one transaction, audited; filing again links what was added.
 */
@Service
public class ChainFilings {

    /** What one filing did: applications started, applications linked, coordination tickets opened. */
    public record Result(int started, int linked, int tickets) implements Serializable {}

    /**
     * A supplier as the filing left it: in the city, the status of its current application (never its
     * contents) and whether the filing started it; outside, its coordination ticket.
     */
    public record Item(
            String name,
            boolean outside,
            @Nullable String creditCode,
            @Nullable String districtCode,
            @Nullable String region,
            @Nullable ApplicationStatus applicationStatus,
            boolean started,
            @Nullable UUID ticketId) {

        /** Waiting for its district: filed and not decided. */
        public boolean waiting() {
            return applicationStatus != null && applicationStatus.pending();
        }
    }

    /** The lead's filing: when, by whom, for which date, how often, and each supplier's standing. */
    public record Filing(LocalDate plannedDate, Instant filedAt, String filedBy, int filings, List<Item> items) {

        /** The districts in which a supplier's application waits for review, in order. */
        public List<String> waitingDistricts() {
            return items.stream()
                    .filter(Item::waiting)
                    .map(Item::districtCode)
                    .filter(Objects::nonNull)
                    .distinct()
                    .sorted()
                    .toList();
        }
    }

    private final JdbcClient jdbc;
    private final EnterpriseDirectory enterprises;
    private final ApplicationDesk applications;
    private final TicketDesk tickets;
    private final ChainState state;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Times times;
    private final Clock clock;

    ChainFilings(
            JdbcClient jdbc,
            EnterpriseDirectory enterprises,
            ApplicationDesk applications,
            TicketDesk tickets,
            ChainState state,
            AuditTrail audit,
            ApplicationEventPublisher events,
            Times times,
            Clock clock) {
        this.jdbc = jdbc;
        this.enterprises = enterprises;
        this.applications = applications;
        this.tickets = tickets;
        this.state = state;
        this.audit = audit;
        this.events = events;
        this.times = times;
        this.clock = clock;
    }

    @Transactional
    public Result file(Actor actor, Scope scope, UUID leadId, @Nullable LocalDate plannedDate) {
        EnterpriseSummary lead = enterprises.get(scope, leadId);
        SupplyChains.checkDeclares(actor, scope, lead);
        LocalDate today = times.today();
        if (plannedDate == null) {
            throw InvalidInputException.of("plannedDate", "supply.error.plannedDate");
        }
        if (plannedDate.isBefore(today) || plannedDate.isAfter(today.plusYears(1))) {
            throw InvalidInputException.of("plannedDate", "supply.error.plannedDateRange");
        }
        record Supplier(char kind, UUID id, SupplyChains.Importance importance, List<String> parts) {}
        Map<ChainState.Node, Supplier> suppliers = new LinkedHashMap<>();
        jdbc.sql(
                        "select supplier_kind, supplier_id, importance, part from supply_link where lead_id = ? order by position")
                .param(lead.id())
                .query((rs, n) -> {
                    char kind = rs.getString(1).charAt(0);
                    UUID id = rs.getObject(2, UUID.class);
                    SupplyChains.Importance importance = SupplyChains.Importance.valueOf(rs.getString(3));
                    ChainState.Node node = new ChainState.Node(kind, id);
                    Supplier known = suppliers.get(node);
                    List<String> parts = known == null ? new ArrayList<>() : known.parts();
                    if (!parts.contains(rs.getString(4))) {
                        parts.add(rs.getString(4));
                    }
                    SupplyChains.Importance most = known == null
                                    || importance.ordinal() < known.importance().ordinal()
                            ? importance
                            : known.importance();
                    suppliers.put(node, new Supplier(kind, id, most, parts));
                    return null;
                })
                .list();
        suppliers.remove(new ChainState.Node('E', lead.id()));
        if (suppliers.isEmpty()) {
            throw InvalidInputException.of("links", "supply.error.noTree");
        }
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into supply_filing (lead_id, planned_date, filed_at, filed_by) values (?, ?, ?, ?)
                        on conflict (lead_id) do update set planned_date = excluded.planned_date,
                            filed_at = excluded.filed_at, filed_by = excluded.filed_by, filings = supply_filing.filings + 1""")
                .params(lead.id(), Date.valueOf(plannedDate), now, actor.displayName())
                .update();
        Set<UUID> ticketed = Set.copyOf(
                jdbc.sql("select supplier_id from supply_filing_item where lead_id = ? and supplier_kind = 'X'")
                        .param(lead.id())
                        .query(UUID.class)
                        .list());
        int started = 0;
        int linked = 0;
        int opened = 0;
        for (Supplier supplier : suppliers.values()) {
            if (supplier.kind() == 'E') {
                ApplicationDesk.ChainLink link = applications.joinChain(
                        actor,
                        supplier.id(),
                        new Application.ChainMark(
                                lead.id(), lead.name(), supplier.importance().name(), lead.keyEnterprise()),
                        plannedDate);
                if (link.started()) {
                    started++;
                } else {
                    linked++;
                }
                jdbc.sql("""
                                insert into supply_filing_item (lead_id, supplier_kind, supplier_id, application_id,
                                    started, filed_at)
                                values (?, 'E', ?, ?, ?, ?)
                                on conflict (lead_id, supplier_kind, supplier_id) do update
                                set application_id = excluded.application_id, filed_at = excluded.filed_at,
                                    started = supply_filing_item.started or excluded.started""")
                        .params(lead.id(), supplier.id(), link.applicationId(), link.started(), now)
                        .update();
            } else if (!ticketed.contains(supplier.id())) {
                Ticket ticket =
                        coordinationTicket(actor, scope, lead, supplier.id(), supplier.importance(), supplier.parts());
                opened++;
                jdbc.sql("""
                                insert into supply_filing_item (lead_id, supplier_kind, supplier_id, ticket_id, filed_at)
                                values (?, 'X', ?, ?, ?)""").params(lead.id(), supplier.id(), ticket.id(), now).update();
            }
        }
        audit.record(AuditEntry.of("supplychain", "ChainFiling", lead.id(), "CHAIN_FILED")
                .change(
                        null,
                        Map.of(
                                "plannedDate", plannedDate.toString(),
                                "started", started,
                                "linked", linked,
                                "tickets", opened))
                .owner(lead.districtCode(), lead.id()));
        state.changed();
        events.publishEvent(new ChainWatch.Touched());
        return new Result(started, linked, opened);
    }

    /** The lead's chain filing, if it filed, with each supplier's standing; scoped like the tree. */
    @Transactional(readOnly = true)
    public Optional<Filing> filing(Scope scope, UUID leadId) {
        EnterpriseSummary lead = enterprises.get(scope, leadId);
        record Row(
                char kind,
                UUID supplier,
                boolean started,
                @Nullable UUID ticket) {}
        List<Row> rows = jdbc.sql("""
                        select supplier_kind, supplier_id, started, ticket_id from supply_filing_item
                        where lead_id = ? order by filed_at, supplier_kind, supplier_id""")
                .param(lead.id())
                .query((rs, n) -> new Row(
                        rs.getString(1).charAt(0),
                        rs.getObject(2, UUID.class),
                        rs.getBoolean(3),
                        rs.getObject(4, UUID.class)))
                .list();
        List<UUID> inCity =
                rows.stream().filter(r -> r.kind() == 'E').map(Row::supplier).toList();
        Map<UUID, ApplicationStatus> statuses = applications.currentStatuses(inCity);
        Map<UUID, EnterpriseSummary> suppliers = enterprises.getAll(inCity);
        List<Item> items = new ArrayList<>();
        for (Row row : rows) {
            if (row.kind() == 'E') {
                EnterpriseSummary supplier = suppliers.get(row.supplier());
                items.add(new Item(
                        supplier.name(),
                        false,
                        supplier.uscc(),
                        supplier.districtCode(),
                        null,
                        statuses.get(row.supplier()),
                        row.started(),
                        null));
            } else {
                String[] outside = outside(row.supplier());
                items.add(new Item(outside[0], true, null, null, outside[1], null, false, row.ticket()));
            }
        }
        return jdbc.sql("select planned_date, filed_at, filed_by, filings from supply_filing where lead_id = ?")
                .param(lead.id())
                .query((rs, n) -> new Filing(
                        rs.getDate(1).toLocalDate(),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getInt(4),
                        List.copyOf(items)))
                .optional();
    }

    private String[] outside(UUID outsideId) {
        return jdbc.sql("select name, region_code from supply_outside where id = ?")
                .param(outsideId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
    }

    /** An outside supplier's paperwork is done in its home locality (as Ningbo did for Haitian's suppliers in Jiangsu). */
    private Ticket coordinationTicket(
            Actor actor,
            Scope scope,
            EnterpriseSummary lead,
            UUID outsideId,
            SupplyChains.Importance importance,
            List<String> parts) {
        String[] outside = outside(outsideId);
        String title = "外地配套企业复工协调 / Outside supplier to resume: " + outside[0] + " (" + outside[1] + ")";
        String description = "链主 / Lead: " + lead.name() + " (" + lead.uscc() + ")\n"
                + "供应 / Supplies: " + String.join("、", parts) + "\n"
                + "重要性 / Importance: " + importance.name() + "\n"
                + "请协调供应商所在地 " + outside[1] + " 办理复工手续。 / Please coordinate its return-to-work filing with region "
                + outside[1] + ".";
        return tickets.file(
                actor,
                scope,
                new TicketDesk.NewTicket(
                        lead.id(),
                        TicketCategory.MATERIALS,
                        importance == SupplyChains.Importance.CRITICAL ? TicketPriority.URGENT : TicketPriority.NORMAL,
                        title.length() > 200 ? title.substring(0, 200) : title,
                        description.length() > 4000 ? description.substring(0, 4000) : description,
                        false,
                        null));
    }
}
