package org.fugong.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fugong.BrowserSupport;
import org.fugong.healthcode.CodeColour;
import org.fugong.healthcode.Staff;
import org.fugong.transport.Charters;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bringing workers back in a real browser: ent-haishu registers returning workers and names three of
 * its staff (one with a yellow code); the bureau plans the week, pins a trip, plans again (the pinned
 * trip stays), freezes its manifest (the yellow code is refused, with the reason), calls the roll and
 * hands the passengers over; the shop sees its trip, Jiangbei does not.
 */
class TransportJourneyTests extends JourneyTest {

    @Autowired
    Charters charters;

    @Autowired
    Staff staff;

    @Test
    void registerPlanPinReplanFreezeAndHandOver() {
        LocalDate from = LocalDate.of(2020, 7, 6);
        charters.addVehicles("BUS", "JOURNEY-BUS", "测试客运", 55, 2, from.minusDays(3), from.plusDays(20), "", 4);
        List<Staff.Member> members = staff.of(actor("ent-haishu")).stream()
                .filter(m -> jdbc.sql("select count(*) from transport_worker where person_id = ?")
                                .param(m.personId())
                                .query(Integer.class)
                                .single()
                        == 0)
                .toList();
        UUID yellow = members.stream()
                .filter(m -> m.colour() == CodeColour.YELLOW)
                .findFirst()
                .orElseThrow()
                .personId();
        List<UUID> green = members.stream()
                .filter(m -> m.colour() == CodeColour.GREEN)
                .limit(2)
                .map(Staff.Member::personId)
                .toList();

        // The shop registers ten workers from 颍上 for the week of 6 July, and names three of them.
        pages.signIn("ent-haishu");
        pages.open("/transport/demand");
        pages.type("originCode", "341226");
        pages.type("workers", "10");
        setDate("windowFrom", from.toString());
        setDate("windowTo", from.plusDays(2).toString());
        pages.click(By.cssSelector("[data-test=demand-submit]"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=success]")));
        WebElement row = browser.findElements(By.cssSelector("[data-test=demands] tr[data-demand]")).stream()
                .filter(r -> r.getText().contains("颍上县") && r.getText().contains(from.toString()))
                .findFirst()
                .orElseThrow();
        String demand = row.getAttribute("data-demand");
        pages.open("/transport/demand/" + demand);
        for (UUID person : List.of(green.get(0), yellow, green.get(1))) {
            pages.click(By.id("p-" + person));
        }
        pages.click(By.cssSelector("[data-test=name-form] button"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=success]")));
        assertThat(browser.findElements(By.cssSelector("[data-test=named] li"))).hasSize(3);

        // The bureau plans the week; the page shows it solving, then its trips.
        pages.signIn("transport");
        planWeek(from);
        String trip = browser.findElements(By.cssSelector("[data-test=trips] tr[data-trip]"))
                .get(0)
                .getAttribute("data-trip");
        pages.open("/transport/trips/" + trip);
        pages.click(By.cssSelector("[data-test=pin]"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=success]")));
        assertThat(browser.findElement(By.cssSelector("[data-test=trip]")).getAttribute("data-pinned"))
                .isEqualTo("true");

        // Planned again: the pinned trip stays as it was.
        planWeek(from);
        assertThat(browser.findElements(
                        By.cssSelector("[data-test=trips] tr[data-trip='" + trip + "'][data-pinned=true]")))
                .hasSize(1);

        // The manifest is frozen: the yellow code is refused with the reason.
        pages.open("/transport/trips/" + trip);
        pages.click(By.cssSelector("[data-test=freeze]"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=frozen]")));
        assertThat(pages.text("[data-test=frozen]")).contains("1 removed");
        assertThat(pages.text("[data-test=passengers]")).contains("Removed").contains("Yellow code");
        BrowserSupport.screenshot(browser, "transport-manifest");
        pages.click(By.cssSelector("[data-test=roll-call]"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=success]")));
        pages.click(By.cssSelector("[data-test=arrive]"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=arrival]")));
        assertThat(pages.text("[data-test=arrival]")).contains("Handed over: 9 to their employers, 0 to isolation");
        assertThat(browser.findElement(By.cssSelector("[data-test=trip]")).getAttribute("data-status"))
                .isEqualTo("ARRIVED");

        // The shop sees its trip; Jiangbei neither lists it nor opens it.
        pages.signIn("ent-haishu");
        pages.open("/transport/trips");
        assertThat(browser.findElements(By.cssSelector("tr[data-trip='" + trip + "']")))
                .hasSize(1);
        pages.signIn("jiangbei");
        pages.open("/transport/trips");
        assertThat(browser.findElements(By.cssSelector("tr[data-trip='" + trip + "']")))
                .isEmpty();
        pages.open("/transport/trips/" + trip);
        assertThat(pages.denied()).isTrue();
    }

    private void planWeek(LocalDate from) {
        pages.open("/transport/plans");
        setDate("periodFrom", from.minusDays(1).toString());
        setDate("periodTo", from.plusDays(5).toString());
        pages.click(By.cssSelector("[data-test=plan-start]"));
        await(30).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=explanation]")));
        assertThat(pages.text("[data-test=plan-status]")).isEqualTo("Solved");
    }

    /** Sets a date field's value as the browser's date picker would. */
    private void setDate(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", field, value);
    }
}
