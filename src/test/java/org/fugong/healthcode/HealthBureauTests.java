package org.fugong.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.fugong.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

/** The health bureau's lists by file and by API: all or nothing, and they turn the listed red. */
class HealthBureauTests extends IntegrationTest {

    @Autowired
    Persons persons;

    @Test
    void aListLongerThanTheLimitIsRefusedWhileReadingInTheUsersLanguage() throws Exception {
        String line = HealthCodeTests.residentId(new Random()) + ",CLOSE_CONTACT," + today() + "\n";
        byte[] file = ("id_number,kind,listed_on\n" + line.repeat(HealthLists.MAX_ENTRIES + 1))
                .getBytes(StandardCharsets.UTF_8);
        for (String[] language : new String[][] {{"en", "more than 100,000 lines"}, {"zh_CN", "文件超过 100,000 行"}}) {
            var response = mvc.post()
                    .uri("/health/lists?lang=" + language[0])
                    .with(as("health"))
                    .with(csrf())
                    .multipart()
                    .file(new MockMultipartFile("file", "list.csv", "text/csv", file))
                    .exchange()
                    .getResponse();
            assertThat(response.getStatus()).isEqualTo(422);
            assertThat(response.getContentAsString()).contains(language[1]);
        }
    }

    @Test
    void aListFileWithABadLineImportsNothingAndAGoodOneTurnsTheListedRed() throws Exception {
        String id = HealthCodeTests.residentId(new Random());
        var person = persons.identify(id, "韩六", "13800008888");
        String bad = "id_number,kind,listed_on\n" + id + ",CLOSE_CONTACT," + today() + "\n123,CONFIRMED,2020-02-10\n";
        String page = mvc.post()
                .uri("/health/lists?lang=en")
                .with(as("health"))
                .with(csrf())
                .multipart()
                .file(new MockMultipartFile("file", "list.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)))
                .exchange()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("line 2");
        assertThat(persons.colour(person.id())).isEqualTo(CodeColour.GREEN);
        String good = "id_number,kind,listed_on\n" + id + ",close_contact," + today() + "\n";
        var response = mvc.post()
                .uri("/health/lists")
                .with(as("health"))
                .with(csrf())
                .multipart()
                .file(new MockMultipartFile("file", "list.csv", "text/csv", good.getBytes(StandardCharsets.UTF_8)))
                .exchange()
                .getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/health");
        assertThat(persons.colour(person.id())).isEqualTo(CodeColour.RED);
        // The API, for the bureau's own system.
        String other = HealthCodeTests.residentId(new Random());
        var api = mvc.post()
                .uri("/api/health/lists")
                .with(httpBasic("health", "demo"))
                .contentType("application/json")
                .content("[{\"idNumber\":\"" + other + "\",\"kind\":\"SUSPECTED\",\"listedOn\":\"" + today() + "\"}]")
                .exchange()
                .getResponse();
        assertThat(api.getStatus()).isEqualTo(200);
        assertThat(api.getContentAsString()).contains("\"entries\":1");
        assertThat(mvc.post()
                        .uri("/api/health/lists")
                        .with(httpBasic("labour", "demo"))
                        .contentType("application/json")
                        .content("[]"))
                .hasStatus(403);
        assertThat(mvc.post()
                        .uri("/api/health/lists")
                        .with(httpBasic("health", "demo"))
                        .contentType("application/json")
                        .content("[{\"idNumber\":\"1\",\"kind\":\"X\"}]")
                        .exchange()
                        .getResponse()
                        .getStatus())
                .isEqualTo(422);
    }
}
