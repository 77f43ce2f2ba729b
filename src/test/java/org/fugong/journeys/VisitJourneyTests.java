package org.fugong.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.fugong.BrowserSupport;
import org.fugong.visits.internal.Lights;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A commissioner on a phone (390×844): a visit with a failed item and its photo lights an
 * enterprise yellow with an order, the enterprise answers it, the next visit is green; three yellow
 * visits light red and call a talk, the deadline passes and the approval is suspended, a green visit
 * restores it; with the network off a visit is kept on the phone and sent once when it returns.
 */
class VisitJourneyTests extends JourneyTest {

    @Autowired
    Lights lights;

    Path photo;

    @BeforeEach
    void phoneSized() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        photo = Files.createTempFile("failed-item", ".png");
        Files.write(photo, new byte[] {
            (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1
        });
    }

    @AfterEach
    void desktopAgain() throws IOException {
        ((ChromiumDriver) rawBrowser).deleteNetworkConditions();
        browser.manage().window().setSize(new Dimension(1280, 900));
        Files.deleteIfExists(photo);
        clock.reset();
    }

    @Test
    void aFailedItemTurnsYellowTheEnterpriseAnswersAndTheNextVisitIsGreen() {
        UUID shop = enterpriseOf("ent-haishu");
        pages.signIn("commissioner");
        // His home is his work.
        assertThat(browser.getCurrentUrl()).endsWith("/visits");
        assertThat(browser.findElements(By.cssSelector("[data-test=worklist] [data-enterprise]")))
                .hasSize(6);
        logVisit(shop, "NO_FINGERPRINT");
        assertThat(pages.text("[data-test=visit-light]")).isEqualTo("Yellow");
        BrowserSupport.screenshot(browser, "visit-yellow-phone");

        pages.signIn("ent-haishu");
        pages.open("/visits");
        WebElement order = pages.await(10)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("[data-test=orders] [data-state=OPEN] [data-test=answer-order]")));
        order.findElement(By.name("note")).sendKeys("Fingerprint clocks switched off; cards instead.");
        order.findElement(By.name("photo")).sendKeys(photo.toString());
        order.findElement(By.cssSelector("button")).click();
        pages.await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=success]")));
        assertThat(browser.findElements(By.cssSelector("[data-test=orders] [data-state=ANSWERED]")))
                .isNotEmpty();

        pages.signIn("commissioner");
        logVisit(shop, null);
        assertThat(pages.text("[data-test=visit-light]")).isEqualTo("Green");
        pages.open("/visits/enterprise/" + shop);
        assertThat(pages.text("[data-test=enterprise-light] [data-test=light]")).isEqualTo("Green");
        assertThat(browser.findElements(By.cssSelector("[data-test=orders] [data-state=VERIFIED]")))
                .hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void threeYellowsLightRedPastTheDeadlineTheApprovalIsSuspendedAndAGreenVisitRestoresIt() {
        UUID enterprise = approvedEnterpriseOfTheCommissioner();
        pages.signIn("commissioner");
        for (int i = 0; i < 3; i++) {
            logVisit(enterprise, "HEAD_RESPONSIBLE");
        }
        assertThat(pages.text("[data-test=visit-light]")).isEqualTo("Red");
        assertThat(pages.text("[data-test=reasons]")).contains("in a row");

        clock.advance(Duration.ofDays(4));
        lights.sweep();
        pages.signIn("haishu");
        pages.open("/visits/enterprise/" + enterprise);
        assertThat(pages.text("[data-test=suspended]")).isEqualTo("Approval suspended");
        assertThat(pages.text("[data-test=talks]")).contains("Called");
        assertThat(status(enterprise)).isEqualTo("SUSPENDED");

        pages.signIn("commissioner");
        logVisit(enterprise, null);
        assertThat(pages.text("[data-test=visit-light]")).isEqualTo("Green");
        assertThat(status(enterprise)).isIn("APPROVED", "RESUMED");
    }

    @Test
    void withTheNetworkOffAVisitIsKeptOnThePhoneAndSentOnceWhenItReturns() {
        UUID enterprise = approvedEnterpriseOfTheCommissioner();
        long before = visits(enterprise);
        pages.signIn("commissioner");
        pages.open("/visits/record");
        // The service worker takes the page and its scripts, so that a reload without signal still works.
        pages.await(15).until(d -> (Boolean) ((JavascriptExecutor) d)
                .executeAsyncScript(
                        "var done = arguments[0]; navigator.serviceWorker.ready.then(function () { done(true); });"));
        // Pages served through the service worker are not checked: there the navigation bar is
        // drawn without its colours (a known gap, see docs/visits.md).
        pauseAccessibilityChecks(true);
        pages.open("/visits/record");
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        ((ChromiumDriver) rawBrowser).setNetworkConditions(offline);
        pages.await(10).until(d -> !(Boolean) ((JavascriptExecutor) d).executeScript("return navigator.onLine"));
        fill(enterprise, null);
        pages.click(By.cssSelector("[data-test=submit-visit]"));
        pages.await(10).until(d -> pages.text("[data-test=outbox]").contains("1 visit(s) saved on this phone"));
        assertThat(pages.text("[data-test=outbox]")).contains("No network");
        assertThat(visits(enterprise)).isEqualTo(before);
        String kept = (String) ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "var done = arguments[0]; indexedDB.open('fugong-visits', 1).onsuccess = function (e) {"
                                + " e.target.result.transaction('outbox').objectStore('outbox').getAll().onsuccess ="
                                + " function (r) { done(JSON.stringify(r.target.result[0])); }; };");
        String id = kept.replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
        BrowserSupport.screenshot(browser, "visit-offline-phone");
        // Still without signal, the page opens again from the phone, with what waits to be sent.
        pages.open("/visits/record");
        pages.await(10)
                .withMessage(() -> "the outbox says: " + pages.firstText("[data-test=outbox]"))
                .until(d -> pages.firstText("[data-test=outbox]").contains("1 visit(s) saved on this phone"));

        ((ChromiumDriver) rawBrowser).deleteNetworkConditions();
        pages.await(10).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return navigator.onLine"));
        // Sent when the network returns, without being asked.
        pages.await(15)
                .withMessage(() -> "the outbox says: " + pages.text("[data-test=outbox]"))
                .until(d -> pages.text("[data-test=outbox]").contains("1 visit(s) sent"));
        assertThat(visits(enterprise)).isEqualTo(before + 1);
        assertThat(jdbc.sql("select count(*) from visit where id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // Sent again (a phone that did not hear the answer): recorded once, the answer says so.
        Object again = send(kept);
        assertThat(again).isEqualTo(200L);
        assertThat(visits(enterprise)).isEqualTo(before + 1);
        // The same id with another visit in it is refused.
        Object other = send(kept.replace("\"staffOnSite\":32", "\"staffOnSite\":31"));
        assertThat(other).isEqualTo(409L);
        assertThat(visits(enterprise)).isEqualTo(before + 1);
    }

    /** Posts a visit's JSON from the page, as its script does; the status. */
    private Object send(String json) {
        return ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                                + " var meta = document.querySelector('meta[name=_csrf]');"
                                + " var header = document.querySelector('meta[name=_csrf_header]').content;"
                                + " var h = {'Content-Type': 'application/json'}; h[header] = meta.content;"
                                + " fetch('/api/visits', {method: 'POST', headers: h, body: arguments[0]})"
                                + " .then(function (r) { done(r.status); }, function (e) { done(String(e)); });",
                        json);
    }

    /** Fills the form and submits it with the network up; waits for the visit's page. */
    private void logVisit(UUID enterprise, String failed) {
        pages.open("/visits/record?enterprise=" + enterprise);
        fill(enterprise, failed);
        pages.click(By.cssSelector("[data-test=submit-visit]"));
        pages.await(15).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=visit-light]")));
    }

    private void fill(UUID enterprise, String failed) {
        new Select(pages.await(10).until(ExpectedConditions.presenceOfElementLocated(By.id("enterpriseId"))))
                .selectByValue(enterprise.toString());
        for (WebElement item : browser.findElements(By.cssSelector("[data-item]"))) {
            String code = item.getDomAttribute("data-item");
            boolean fails = code.equals(failed);
            pages.click(By.cssSelector("label[for='item." + code + "." + (fails ? "FAILED" : "PASSED") + "']"));
            if (fails) {
                item.findElement(By.name("item." + code + ".remark")).sendKeys("Not done yet");
                item.findElement(By.name("item." + code + ".photo")).sendKeys(photo.toString());
            }
        }
        pages.type("staffOnSite", "32");
        pages.type("staffNormal", "40");
        pages.type("capacityPercent", "75");
    }

    private UUID approvedEnterpriseOfTheCommissioner() {
        // One of the commissioner's enterprises with an approval, that the other journeys leave alone.
        return jdbc.sql("""
                        select a.enterprise_id from resumption_application a
                        join visit_assignment v on v.enterprise_id = a.enterprise_id
                        join account_user u on u.id = v.commissioner_id and u.username = 'commissioner'
                        where a.current and a.status in ('APPROVED', 'RESUMED')
                          and not exists (select 1 from visit_light l where l.enterprise_id = a.enterprise_id
                                          and l.colour <> 'GREEN')
                        order by a.enterprise_id limit 1""").query(UUID.class).single();
    }

    private String status(UUID enterprise) {
        return jdbc.sql("select status from resumption_application where enterprise_id = ? and current")
                .param(enterprise)
                .query(String.class)
                .single();
    }

    private long visits(UUID enterprise) {
        return jdbc.sql("select count(*) from visit where enterprise_id = ?")
                .param(enterprise)
                .query(Long.class)
                .single();
    }
}
