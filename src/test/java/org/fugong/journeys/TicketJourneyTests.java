package org.fugong.journeys;

import org.fugong.BrowserSupport;
import org.fugong.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A labour problem from filing to closing, in a real browser: ent-haishu files it, it lands at the
 * labour bureau, labour resolves it, the enterprise reopens it, labour resolves it again, the
 * enterprise confirms, the follow-up call closes it; the timeline shows every step.
 */
@BrowserSupport.Journey
class TicketJourneyTests extends IntegrationTest {

    static WebDriver browser;

    @LocalServerPort
    int port;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @Test
    void aLabourProblemIsResolvedReopenedResolvedConfirmedAndClosed() {
        browser = browser == null ? BrowserSupport.start() : browser;

        signIn("ent-haishu");
        browser.get(url("/tickets"));
        click(By.cssSelector("[data-test=new-ticket]"));
        new Select(browser.findElement(By.id("category"))).selectByValue("LABOUR");
        browser.findElement(By.id("title")).sendKeys("Workers cannot come back");
        browser.findElement(By.id("description")).sendKeys("38 workers from Guizhou need a chartered bus to Ningbo.");
        click(By.cssSelector("[data-test=file-ticket]"));
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=timeline]")));
        assertThat(text("[data-test=ticket-unit]")).isEqualTo("Human Resources and Social Security Bureau");
        assertThat(status()).isEqualTo("New");
        assertThat(text("[data-test=ticket-due]")).contains("left");
        String page = browser.getCurrentUrl();
        String id = page.substring(page.lastIndexOf('/') + 1);

        signIn("labour");
        browser.get(url("/tickets"));
        click(By.cssSelector("[data-ticket='" + id + "'] a"));
        type("resolution", "A chartered bus leaves Guiyang on Friday.");
        click(By.cssSelector("[data-test=resolve]"));
        wait(10).until(d -> status().equals("Resolved"));

        signIn("ent-haishu");
        browser.get(url("/tickets/" + id));
        assertThat(text("[data-test=ticket-resolution]")).contains("chartered bus");
        type("reopen-reason", "The bus company cancelled.");
        click(By.cssSelector("[data-test=reopen]"));
        wait(10).until(d -> status().equals("In progress"));

        signIn("labour");
        browser.get(url("/tickets/" + id));
        type("resolution", "Two buses booked with the transport bureau, departing Saturday.");
        click(By.cssSelector("[data-test=resolve]"));
        wait(10).until(d -> status().equals("Resolved"));

        signIn("ent-haishu");
        browser.get(url("/tickets/" + id));
        click(By.cssSelector("[data-test=confirm]"));
        wait(10).until(d -> status().equals("Confirmed by the enterprise"));

        signIn("labour");
        browser.get(url("/tickets/" + id));
        type("follow-note", "The workers arrived on Sunday.");
        click(By.cssSelector("[data-test=satisfied]"));
        wait(10).until(d -> status().equals("Closed"));
        List<String> kinds = browser.findElements(By.cssSelector("[data-test=timeline] [data-kind]")).stream()
                .map(e -> e.getAttribute("data-kind")).toList();
        assertThat(kinds).containsExactly("FILED", "ROUTED", "RESOLVED", "REOPENED", "RESOLVED", "CONFIRMED",
                "FOLLOW_UP_SATISFIED");
        BrowserSupport.screenshot(browser, "ticket-closed");

        // Jiangbei's enterprise never sees it; the transport bureau neither.
        for (String outsider : List.of("ent-jiangbei", "transport")) {
            signIn(outsider);
            browser.get(url("/tickets/" + id));
            assertThat(browser.findElements(By.cssSelector("[data-test=error-403]"))).isNotEmpty();
        }
    }

    private void type(String id, String text) {
        WebElement field = wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        field.sendKeys(text);
    }

    private void signIn(String username) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login?lang=en"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("[data-test=login-submit]")).click();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=user-menu]")));
    }

    private void click(By by) {
        WebElement element = wait(10).until(ExpectedConditions.elementToBeClickable(by));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    private String status() {
        List<WebElement> badges = browser.findElements(By.cssSelector("[data-test=ticket-status]"));
        return badges.isEmpty() ? "" : badges.get(0).getText();
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private WebDriverWait wait(int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
