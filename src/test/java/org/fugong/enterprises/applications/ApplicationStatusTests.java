package org.fugong.enterprises.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An application's state machine as a table: the moves each status allows, and what the status means for the enterprise and the queue. */
class ApplicationStatusTests {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = ';', textBlock = """
            DRAFT;                 SUBMITTED;                                         editable; -;       -
            SUBMITTED;             IN_REVIEW APPROVED RETURNED_FOR_REVISION REJECTED; -;        pending; -
            IN_REVIEW;             APPROVED RETURNED_FOR_REVISION REJECTED;           -;        pending; -
            RETURNED_FOR_REVISION; SUBMITTED;                                         editable; -;       -
            APPROVED;              RESUMED SUSPENDED;                                 -;        -;       -
            RESUMED;               SUSPENDED;                                         -;        -;       -
            REJECTED;              '';                                                -;        -;       closed
            SUSPENDED;             '';                                                -;        -;       closed
            """)
    void allowsExactlyTheMovesOfTheTable(
            ApplicationStatus from, String to, String editable, String pending, String closed) {
        EnumSet<ApplicationStatus> allowed = EnumSet.noneOf(ApplicationStatus.class);
        for (String name : to.trim().split("\\s+")) {
            if (!name.isEmpty()) {
                allowed.add(ApplicationStatus.valueOf(name));
            }
        }
        assertThat(from.moves()).isEqualTo(allowed);
        for (ApplicationStatus next : ApplicationStatus.values()) {
            assertThat(from.canMoveTo(next)).as("%s → %s", from, next).isEqualTo(allowed.contains(next));
        }
        assertThat(from.editable()).isEqualTo(editable.equals("editable"));
        assertThat(from.pending()).isEqualTo(pending.equals("pending"));
        assertThat(from.closed()).isEqualTo(closed.equals("closed"));
        assertThat(from.closed()).isEqualTo(allowed.isEmpty());
    }
}
