package org.fugong.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.fugong.BrowserSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A return-to-work application from filing to reopening, in a real browser: ent-haishu files,
 * haishu returns it with a remark on one measure, the enterprise revises and resubmits, haishu
 * approves, the enterprise confirms it reopened; the history shows each step, and Jiangbei sees none of it.
 */
class ApplicationJourneyTests extends JourneyTest {

    @Test
    void fileReturnReviseApproveReopen() {

        // The enterprise files.
        signIn("ent-haishu");
        browser.get(url("/applications/mine"));
        click(By.cssSelector("[data-test=file-application]"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=application-form]")));
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("plannedDate")), today);
        browser.findElement(By.id("staffLocal")).sendKeys("120");
        browser.findElement(By.id("staffOtherProvinces")).sendKeys("30");
        browser.findElement(By.id("staffRiskAreas")).sendKeys("0");
        for (String item : List.of("ISOLATION_ROOM", "TEMPERATURE_CHECKS", "STAGGERED_CANTEEN", "DISINFECTION_PLAN")) {
            click(By.id(item + "-yes"));
        }
        browser.findElement(By.id("MASK_STOCK_DAYS")).sendKeys("14");
        // Submitting without the commitment is refused, with the reason, and nothing is filed.
        click(By.cssSelector("[data-test=submit-application]"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=form-problems]")));
        assertThat(browser.getPageSource()).contains("The commitment letter must be accepted.");
        browser.findElement(By.id("commitmentName")).sendKeys("王海燕");
        click(By.id("commitmentAccepted"));
        BrowserSupport.screenshot(browser, "application-form");
        click(By.cssSelector("[data-test=submit-application]"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=ruling]")));
        assertThat(status()).isEqualTo("Submitted");
        assertThat(text("[data-test=ruling]")).contains("Exporter").contains("Review");
        String page = browser.getCurrentUrl();
        String id = page.substring(page.lastIndexOf('/') + 1);

        // Haishu finds it in the queue and returns it with a remark on the isolation room.
        signIn("haishu");
        browser.get(url("/applications/queue"));
        BrowserSupport.screenshot(browser, "review-queue");
        click(By.cssSelector("[data-application='" + id + "'] a"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=review-form]")));
        new Select(browser.findElement(By.name("verdicts[ISOLATION_ROOM].state"))).selectByValue("wanting");
        browser.findElement(By.name("verdicts[ISOLATION_ROOM].remark")).sendKeys("The room needs its own ventilation");
        click(By.cssSelector("[data-test=return]"));
        await(10).until(d -> status().equals("Returned for revision"));
        BrowserSupport.screenshot(browser, "application-returned");

        // The enterprise sees the remark, revises and resubmits.
        signIn("ent-haishu");
        browser.get(url("/applications/" + id));
        assertThat(text("[data-test=verdict-wanting]")).contains("The room needs its own ventilation");
        click(By.cssSelector("[data-test=edit-application]"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=returned-remark]")));
        assertThat(text("[data-test=item-remark]")).contains("The room needs its own ventilation");
        WebElement local = browser.findElement(By.id("staffLocal"));
        local.clear();
        local.sendKeys("110");
        // The commitment is accepted again with every submission.
        click(By.id("commitmentAccepted"));
        click(By.cssSelector("[data-test=submit-application]"));
        await(10).until(d -> status().equals("Submitted"));

        // Haishu approves.
        signIn("haishu");
        browser.get(url("/applications/" + id));
        click(By.cssSelector("[data-test=approve]"));
        await(10).until(d -> status().equals("Approved"));
        assertThat(text("[data-test=validity]")).startsWith(today);

        // The enterprise confirms it reopened; the history shows every step.
        signIn("ent-haishu");
        browser.get(url("/applications/" + id));
        click(By.cssSelector("[data-test=confirm-resumed]"));
        await(10).until(d -> status().equals("Reopened"));
        List<String> actions = browser.findElements(By.cssSelector("[data-test=history] [data-action]")).stream()
                .map(e -> e.getAttribute("data-action"))
                .toList();
        assertThat(actions).containsExactly("CREATED", "SUBMITTED", "RETURNED", "SUBMITTED", "APPROVED", "RESUMED");
        assertThat(text("[data-test=history]"))
                .contains("Returned for revision")
                .contains("海曙区复工办");
        BrowserSupport.screenshot(browser, "application-resumed");

        // Jiangbei's official and enterprise never see it.
        for (String outsider : List.of("jiangbei", "ent-jiangbei")) {
            signIn(outsider);
            browser.get(url("/applications/" + id));
            assertThat(browser.findElements(By.cssSelector("[data-test=error-403]")))
                    .isNotEmpty();
        }
        browser.get(url("/applications/queue"));
        assertThat(browser.getPageSource()).doesNotContain(id);

        signIn("city");
        browser.get(url("/applications/policy"));
        assertThat(browser.findElements(By.cssSelector("[data-test=policy] select")))
                .hasSize(45);
        BrowserSupport.screenshot(browser, "policy-matrix");
    }

    private void signIn(String username) {
        pages.signIn(username);
    }

    private void click(By by) {
        pages.click(by);
    }

    private String status() {
        return pages.firstText("[data-test=application-status] .badge");
    }

    private String text(String css) {
        return pages.text(css);
    }
}
