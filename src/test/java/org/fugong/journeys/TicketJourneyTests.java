package org.fugong.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fugong.BrowserSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A labour problem from filing to closing, in a real browser: ent-haishu files it, it lands at the
 * labour bureau, labour resolves it, the enterprise reopens it, labour resolves it again, the
 * enterprise confirms, the follow-up call closes it; the timeline shows every step.
 */
class TicketJourneyTests extends JourneyTest {

    @Test
    void aLabourProblemIsResolvedReopenedResolvedConfirmedAndClosed() {

        pages.signIn("ent-haishu");
        pages.open("/tickets");
        pages.click(By.cssSelector("[data-test=new-ticket]"));
        new Select(browser.findElement(By.id("category"))).selectByValue("LABOUR");
        pages.type("title", "Workers cannot come back");
        pages.type("description", "38 workers from Guizhou need a chartered bus to Ningbo.");
        pages.click(By.cssSelector("[data-test=file-ticket]"));
        pages.await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=timeline]")));
        assertThat(pages.text("[data-test=ticket-unit]")).isEqualTo("Human Resources and Social Security Bureau");
        assertThat(status(pages)).isEqualTo("New");
        assertThat(pages.text("[data-test=ticket-due]")).contains("left");
        String page = browser.getCurrentUrl();
        String id = page.substring(page.lastIndexOf('/') + 1);

        pages.signIn("labour");
        pages.open("/tickets");
        pages.click(By.cssSelector("[data-ticket='" + id + "'] a"));
        pages.type("resolution", "A chartered bus leaves Guiyang on Friday.");
        pages.click(By.cssSelector("[data-test=resolve]"));
        pages.await(10).until(d -> status(pages).equals("Resolved"));

        pages.signIn("ent-haishu");
        pages.open("/tickets/" + id);
        assertThat(pages.text("[data-test=ticket-resolution]")).contains("chartered bus");
        pages.type("reopen-reason", "The bus company cancelled.");
        pages.click(By.cssSelector("[data-test=reopen]"));
        pages.await(10).until(d -> status(pages).equals("In progress"));

        pages.signIn("labour");
        pages.open("/tickets/" + id);
        pages.type("resolution", "Two buses booked with the transport bureau, departing Saturday.");
        pages.click(By.cssSelector("[data-test=resolve]"));
        pages.await(10).until(d -> status(pages).equals("Resolved"));

        pages.signIn("ent-haishu");
        pages.open("/tickets/" + id);
        pages.click(By.cssSelector("[data-test=confirm]"));
        pages.await(10).until(d -> status(pages).equals("Confirmed by the enterprise"));

        pages.signIn("labour");
        pages.open("/tickets/" + id);
        pages.type("follow-note", "The workers arrived on Sunday.");
        pages.click(By.cssSelector("[data-test=satisfied]"));
        pages.await(10).until(d -> status(pages).equals("Closed"));
        List<String> kinds = browser.findElements(By.cssSelector("[data-test=timeline] [data-kind]")).stream()
                .map(e -> e.getAttribute("data-kind"))
                .toList();
        assertThat(kinds)
                .containsExactly(
                        "FILED", "ROUTED", "RESOLVED", "REOPENED", "RESOLVED", "CONFIRMED", "FOLLOW_UP_SATISFIED");
        BrowserSupport.screenshot(browser, "ticket-closed");

        // Jiangbei's enterprise never sees it; the transport bureau neither.
        for (String outsider : List.of("ent-jiangbei", "transport")) {
            pages.signIn(outsider);
            pages.open("/tickets/" + id);
            assertThat(pages.denied()).as(outsider).isTrue();
        }
    }

    private static String status(Pages pages) {
        return pages.firstText("[data-test=ticket-status]");
    }
}
