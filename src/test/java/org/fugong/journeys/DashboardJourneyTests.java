package org.fugong.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fugong.BrowserSupport;
import org.fugong.access.Scope;
import org.fugong.enterprises.applications.ApplicationReview;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The command center in a real browser: the city lands on its dashboard with the whole city on the
 * map and in the ranking, Haishu sees itself and the city only; an application approved elsewhere
 * shows on the open dashboard without a reload; a wall-screen link opens without a login and stops
 * once revoked; the daily brief downloads as a PDF.
 */
class DashboardJourneyTests extends JourneyTest {

    static final String HAISHU = "330203";

    @Autowired
    ApplicationReview review;

    private List<String> rows() {
        return browser.findElements(By.cssSelector("[data-test=ranking-table] tr[data-district]")).stream()
                .map(r -> r.getAttribute("data-district"))
                .toList();
    }

    private Object script(String js, Object... arguments) {
        return ((JavascriptExecutor) browser).executeAsyncScript(js, arguments);
    }

    @Test
    void theCommandCenterAtAGlance() {
        // The city signs in and lands on the dashboard: every district on the map and in the ranking.
        pages.signIn("city");
        pages.open("/");
        await(10).until(ExpectedConditions.urlContains("/dashboard"));
        await(15).until(d -> !pages.firstText("[data-test=composite]").isEmpty());
        await(15)
                .until(ExpectedConditions.attributeToBeNotEmpty(
                        browser.findElement(By.id("dashboard-live")), "data-map-drawn"));
        String drawn = browser.findElement(By.id("dashboard-live")).getAttribute("data-map-drawn");
        assertThat(drawn).contains("330203").contains("330200-GX");
        assertThat(rows()).hasSize(12).contains(HAISHU, "330205", "city");
        assertThat(browser.findElements(By.cssSelector("#dashboard-markers li[data-unit='330200-GX']")))
                .hasSize(1);
        assertThat(browser.getPageSource()).contains("© OpenStreetMap contributors");
        BrowserSupport.screenshot(browser, "dashboard-city");

        // Haishu sees itself and the city's totals, nothing of the other districts.
        pages.signIn("haishu");
        pages.open("/dashboard");
        await(15).until(d -> !rows().isEmpty());
        assertThat(rows()).containsExactly(HAISHU, "city");
        String pending = pages.text("[data-test=pending]");

        // An application of Haishu's is approved elsewhere: the open dashboard shows it without a reload.
        // A mark on the page's window: a reload would lose it, an htmx swap keeps it.
        ((JavascriptExecutor) browser).executeScript("window.fugongNoReload = 'kept';");
        Map<String, Object> waiting = jdbc.sql("""
                        select id, version from resumption_application
                        where current and district_code = ? and status in ('SUBMITTED', 'IN_REVIEW')
                          and policy_decision <> 'HOLD' order by submitted_at limit 1""").param(HAISHU).query().singleRow();
        review.approveAll(
                actor("haishu"),
                Scope.district(HAISHU),
                Map.of((UUID) waiting.get("id"), ((Number) waiting.get("version")).longValue()));
        String expected = String.valueOf(Long.parseLong(pending) - 1);
        await(15).until(d -> expected.equals(pages.firstText("[data-test=pending]")));
        assertThat(browser.getCurrentUrl()).endsWith("/dashboard");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.fugongNoReload"))
                .isEqualTo("kept");

        // The daily briefs: made now, and the city's downloads as a PDF.
        pages.signIn("city");
        pages.open("/dashboard/briefs");
        pages.click(By.cssSelector("[data-test=make-briefs] button"));
        await(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=success]")));
        WebElement link = browser.findElements(By.cssSelector("[data-test=briefs] tr[data-brief] a")).stream()
                .filter(a -> a.getAttribute("href").endsWith("/city.pdf"))
                .findFirst()
                .orElseThrow();
        Object pdf = script("""
                var done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) {
                  return r.arrayBuffer().then(function (b) {
                    var head = String.fromCharCode.apply(null, new Uint8Array(b.slice(0, 5)));
                    done(r.status + ' ' + r.headers.get('content-type') + ' ' + head + ' ' + b.byteLength);
                  });
                });""", link.getAttribute("href"));
        assertThat(String.valueOf(pdf)).startsWith("200 application/pdf %PDF-");

        // A wall-screen link, opened on a PC where nobody is signed in; then revoked.
        pages.open("/dashboard/screens");
        pages.type("label", "指挥室大屏");
        pages.click(By.cssSelector("[data-test=screen-form] button"));
        String screen = await(10)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=screen-link]")))
                .getAttribute("href");
        browser.manage().deleteAllCookies();
        browser.get(screen);
        await(20)
                .until(ExpectedConditions.attributeToBeNotEmpty(browser.findElement(By.id("screen")), "data-rendered"));
        assertThat(pages.text("[data-test=screen-composite]")).matches("\\d+\\.\\d");
        assertThat(browser.findElements(By.cssSelector("#screen-figures div"))).isNotEmpty();
        BrowserSupport.screenshot(browser, "wall-screen");
        pages.signIn("city");
        pages.open("/dashboard/screens");
        pages.click(By.cssSelector("[data-test=screen-links] tr[data-link] form button"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=success]")));
        browser.manage().deleteAllCookies();
        browser.get(screen);
        assertThat(browser.findElements(By.id("screen"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("[data-test=error-404]")))
                .hasSize(1);
    }
}
