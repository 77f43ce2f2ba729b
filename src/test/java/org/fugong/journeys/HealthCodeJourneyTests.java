package org.fugong.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.fugong.BrowserSupport;
import org.fugong.healthcode.HealthLists;
import org.fugong.healthcode.ResidentId;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A citizen declares and sees a green code; the gate verifies it green; the health bureau's
 * close-contact list turns it red, and the gate, asking online, shows red.
 */
class HealthCodeJourneyTests extends JourneyTest {

    @Autowired
    HealthLists lists;

    @Test
    void aGreenCodeIsVerifiedAtTheGateAndTurnsRedWhenTheBureauListsAContact() {
        browser.manage().deleteAllCookies();
        Random random = new Random();
        String first17 = "3302031988" + String.format("%02d%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))
                + String.format("%03d", random.nextInt(1000));
        String idNumber = first17 + ResidentId.checkCharacter(first17);

        pages.open("/code?lang=en");
        pages.type("idNumber", idNumber);
        pages.type("name", "沈晓明");
        pages.type("phone", "13805749999");
        pages.click(By.cssSelector("[data-test=send-code]"));
        String demoCode = pages.await(10)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=demo-code]")))
                .getText()
                .replaceAll("\\D", "");
        pages.type("code", demoCode);
        pages.click(By.cssSelector("[data-test=verify-code]"));
        pages.click(By.cssSelector("[data-test=declare]"));
        pages.click(By.cssSelector("[data-test=submit-declaration]"));
        pages.await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=code]")));
        assertThat(pages.text("[data-test=code-colour]")).isEqualTo("Green: you may pass");
        assertThat(browser.findElements(By.cssSelector("[data-test=code] svg"))).isNotEmpty();
        String token = browser.findElement(By.cssSelector("[data-test=code]")).getAttribute("data-token");
        BrowserSupport.screenshot(browser, "health-code-green");

        pages.signIn("gate");
        pages.open("/gate");
        pages.type("token", token);
        pages.click(By.cssSelector("[data-test=gate-check]"));
        pages.await(10).until(d -> "GREEN".equals(colourShown()));

        lists.importEntries(
                actor("health"),
                "close contacts",
                List.of(new HealthLists.Entry(idNumber, "CLOSE_CONTACT", LocalDate.now(ZoneId.of("Asia/Shanghai")))));
        pages.open("/gate");
        pages.type("token", token);
        pages.click(By.cssSelector("[data-test=gate-check]"));
        pages.await(10).until(d -> "RED".equals(colourShown()));
        assertThat(pages.text("[data-test=gate-result]")).contains("Red").contains("沈*明");
        BrowserSupport.screenshot(browser, "gate-red");
    }

    private String colourShown() {
        var found = browser.findElements(By.cssSelector("[data-test=gate-result]"));
        return found.isEmpty() ? "" : found.get(0).getAttribute("data-colour");
    }
}
