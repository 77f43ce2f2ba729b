package org.fugong.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fugong.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Who read people's data, when, what and why — kept without the data, shown to the health bureau. */
class PersonalDataReadsTests extends IntegrationTest {

    private long mark() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_event")
                .query(Long.class)
                .single();
    }

    private List<String> readsSince(long mark) {
        return jdbc.sql("""
                        select actor || ' ' || module || ' ' || entity_type || ' ' || coalesce(entity_id, '-') || ' '
                               || (after_state ->> 'people') || ' ' || (after_state ->> 'purpose')
                        from audit_event where id > ? and action = 'PERSONAL_DATA_READ' order by id""").param(mark).query(String.class).list();
    }

    @Test
    void staffCodesManifestsAndExportsAreLoggedWithTheirPurposeAndShownToTheHealthBureau() throws Exception {
        long mark = mark();
        assertThat(mvc.get()
                        .uri("/health/staff")
                        .with(as("ent-haishu"))
                        .exchange()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        UUID trip = jdbc.sql(
                        "select id from transport_trip where status in ('FROZEN', 'ARRIVED') order by arrive_on, id limit 1")
                .query(UUID.class)
                .single();
        var download = mvc.get()
                .uri("/transport/trips/" + trip + "/manifest.xlsx")
                .param("purpose", "roll call at 阜阳 station")
                .with(as("transport"))
                .exchange()
                .getResponse();
        assertThat(download.getStatus()).isEqualTo(200);
        assertThat(mvc.get()
                        .uri("/enterprises/export.csv")
                        .param("district", "330205")
                        .param("purpose", "calling contacts about the grid figures")
                        .with(as("jiangbei"))
                        .exchange()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);

        // The pages that lead to the exports ask why.
        assertThat(mvc.get()
                        .uri("/enterprises?lang=en")
                        .with(as("jiangbei"))
                        .exchange()
                        .getResponse()
                        .getContentAsString())
                .contains("name=\"purpose\"")
                .contains("Purpose of the export (it holds contact people)");
        assertThat(mvc.get()
                        .uri("/transport/trips/" + trip + "?lang=zh-CN")
                        .with(as("transport"))
                        .exchange()
                        .getResponse()
                        .getContentAsString())
                .contains("name=\"purpose\"")
                .contains("下载用途");

        List<String> reads = readsSince(mark);
        assertThat(reads).anySatisfy(r -> assertThat(r).startsWith("ent-haishu healthcode StaffCodes "));
        assertThat(reads)
                .anySatisfy(r -> assertThat(r)
                        .startsWith("transport transport ManifestXlsx " + trip)
                        .endsWith("roll call at 阜阳 station"));
        assertThat(reads)
                .anySatisfy(r -> assertThat(r)
                        .startsWith("jiangbei enterprises RegistryExportCsv - ")
                        .endsWith("calling contacts about the grid figures"));
        // What was read is never kept: only how many people and why.
        assertThat(jdbc.sql("""
                        select distinct jsonb_object_keys(after_state) from audit_event
                        where id > ? and action = 'PERSONAL_DATA_READ'""").param(mark).query(String.class).list()).containsExactlyInAnyOrder("people", "purpose");

        String page = mvc.get()
                .uri("/health/personal-data?lang=en")
                .with(as("health"))
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("roll call at 阜阳 station")
                .contains("ent-haishu")
                .contains("StaffCodes");
        String ownReads = mvc.get()
                .uri("/health/personal-data?actor=jiangbei&lang=zh-CN")
                .with(as("city"))
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(ownReads).contains("calling contacts about the grid figures").doesNotContain("roll call at 阜阳");
        for (String stranger : List.of("labour", "ent-haishu", "jiangbei")) {
            assertThat(mvc.get()
                            .uri("/health/personal-data")
                            .with(as(stranger))
                            .exchange()
                            .getResponse()
                            .getStatus())
                    .as(stranger)
                    .isEqualTo(403);
        }
    }
}
