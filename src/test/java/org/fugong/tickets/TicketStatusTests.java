package org.fugong.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fugong.tickets.TicketStatus.CLOSED;
import static org.fugong.tickets.TicketStatus.CONFIRMED;
import static org.fugong.tickets.TicketStatus.IN_PROGRESS;
import static org.fugong.tickets.TicketStatus.NEW;
import static org.fugong.tickets.TicketStatus.RESOLVED;
import static org.fugong.tickets.TicketStatus.WAITING_FOR_ENTERPRISE;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ticket's state machine as a table: each row is a status, the moves it allows, and whether the clock runs. */
class TicketStatusTests {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', textBlock = """
            NEW;                    IN_PROGRESS WAITING_FOR_ENTERPRISE RESOLVED; true
            IN_PROGRESS;            WAITING_FOR_ENTERPRISE RESOLVED;             true
            WAITING_FOR_ENTERPRISE; IN_PROGRESS RESOLVED;                        true
            RESOLVED;               CONFIRMED IN_PROGRESS CLOSED;                false
            CONFIRMED;              IN_PROGRESS CLOSED;                          false
            CLOSED;                 '';                                          false
            """)
    void allowsExactlyTheMovesOfTheTable(TicketStatus from, String to, boolean open) {
        EnumSet<TicketStatus> allowed = EnumSet.noneOf(TicketStatus.class);
        for (String name : to.trim().split("\\s+")) {
            if (!name.isEmpty()) {
                allowed.add(TicketStatus.valueOf(name));
            }
        }
        assertThat(from.moves()).isEqualTo(allowed);
        for (TicketStatus next : TicketStatus.values()) {
            assertThat(from.canMoveTo(next)).as("%s → %s", from, next).isEqualTo(allowed.contains(next));
        }
        assertThat(from.open()).isEqualTo(open);
    }

    @Test
    void everyStatusIsReachedFromNewAndEveryPathEndsClosed() {
        EnumSet<TicketStatus> reached = EnumSet.of(NEW);
        boolean grew = true;
        while (grew) {
            EnumSet<TicketStatus> next = EnumSet.copyOf(reached);
            reached.forEach(s -> next.addAll(s.moves()));
            grew = next.size() > reached.size();
            reached = next;
        }
        assertThat(reached).containsExactlyInAnyOrder(TicketStatus.values());
        for (TicketStatus s : EnumSet.of(NEW, IN_PROGRESS, WAITING_FOR_ENTERPRISE, RESOLVED, CONFIRMED)) {
            assertThat(s.moves()).as("%s is not a dead end", s).isNotEmpty();
        }
        assertThat(CLOSED.moves()).isEmpty();
        // moves() is a copy: changing it does not change the table
        NEW.moves().clear();
        assertThat(NEW.canMoveTo(IN_PROGRESS)).isTrue();
    }
}
