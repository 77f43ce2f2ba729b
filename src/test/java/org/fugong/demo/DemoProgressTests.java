package org.fugong.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.fugong.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Readiness says how far the demo city is loaded, and the sign-in page tells the demo's users to wait
 * while it loads (in the background outside the tests), in both languages.
 */
class DemoProgressTests extends IntegrationTest {

    @Autowired
    DemoProgress progress;

    @Test
    void readinessAndTheSignInPageSayWhetherTheDemoCityIsStillLoading() throws Exception {
        assertThat(mvc.get().uri("/actuator/health/readiness"))
                .hasStatusOk()
                .bodyText()
                .contains("\"demoProgress\"", "\"state\":\"LOADED\"")
                .endsWith("\"status\":\"UP\"}");
        assertThat(mvc.get().uri("/login").header("Accept-Language", "en"))
                .bodyText()
                .doesNotContain("data-test=\"demo-loading\"");
        DemoProgress.State before = progress.state();
        try {
            progress.waiting();
            progress.step("enterprises");
            progress.step("accounts");
            assertThat(mvc.get().uri("/actuator/health/readiness"))
                    .hasStatusOk()
                    .bodyText()
                    .contains("\"state\":\"LOADING\"", "\"step\":\"accounts\"", "\"done\":1", "\"of\":11")
                    .endsWith("\"status\":\"UP\"}");
            assertThat(mvc.perform(get("/login").header("Accept-Language", "en"))
                            .getResponse()
                            .getContentAsString())
                    .contains("The demo city is being loaded (1 of 11 steps done)");
            assertThat(mvc.perform(get("/login").header("Accept-Language", "zh-CN"))
                            .getResponse()
                            .getContentAsString())
                    .contains("演示城市数据正在载入（已完成 1/11 步）");
        } finally {
            if (before == DemoProgress.State.LOADED) {
                progress.loaded();
            } else {
                progress.none();
            }
        }
    }
}
