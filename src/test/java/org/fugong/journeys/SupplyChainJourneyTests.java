package org.fugong.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fugong.BrowserSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Four in step (四同步) in a real browser: ent-haishu's shop declares its supplier in Jiangbei and
 * files for its chain; the supplier comes first in Jiangbei's queue, marked with the chain; approving
 * it readies the chain and the lead is told; the supplier sees its lead's standing, not the lead's
 * tree; Jiangbei cannot open Haishu's tree.
 */
class SupplyChainJourneyTests extends JourneyTest {

    @Test
    void declareFileApproveAndTheLeadIsTold() {
        UUID shop = enterpriseOf("ent-haishu");
        UUID factory = enterpriseOf("ent-jiangbei");
        String factoryCode = jdbc.sql("select uscc from enterprise where id = ?")
                .param(factory)
                .query(String.class)
                .single();
        String factoryName = jdbc.sql("select name from enterprise where id = ?")
                .param(factory)
                .query(String.class)
                .single();
        String shopName = jdbc.sql("select name from enterprise where id = ?")
                .param(shop)
                .query(String.class)
                .single();

        // The lead declares its supplier in Jiangbei on its own page.
        pages.signIn("ent-haishu");
        browser.get(url("/supply-chains"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=add-link]")));
        browser.findElement(By.cssSelector("[data-test=add-link] input[name=supplier]"))
                .sendKeys(factoryCode);
        browser.findElement(By.cssSelector("[data-test=add-link] input[name=part]"))
                .sendKeys("zip fasteners");
        new Select(browser.findElement(By.cssSelector("[data-test=add-link] select[name=importance]")))
                .selectByValue("CRITICAL");
        pages.click(By.cssSelector("[data-test=add-link] button"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=success]")));
        assertThat(pages.text("[data-test=links]")).contains("zip fasteners").contains("Not approved");
        assertThat(pages.text("[data-test=why]")).contains("zip fasteners");
        // What would unblock it arrives after the page.
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=unblocking]")));
        assertThat(pages.text("[data-test=unblocking]")).contains(factoryName);

        // It files for the whole chain: the supplier's waiting application is linked.
        pages.click(By.cssSelector("[data-test=file-chain-button]"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=filed]")));
        assertThat(pages.text("[data-test=filed]")).contains("0 application(s) started, 1 linked");
        assertThat(pages.text("[data-test=filing-items]")).contains("Submitted").contains("linked");
        assertThat(pages.text("[data-test=waiting-districts]")).contains("Jiangbei District");
        BrowserSupport.screenshot(browser, "supply-chain-filed");

        // Jiangbei finds it among the chain filings that head its queue, marked with the chain, and approves it.
        UUID application = jdbc.sql("select id from resumption_application where enterprise_id = ? and current")
                .param(factory)
                .query(UUID.class)
                .single();
        pages.signIn("jiangbei");
        browser.get(url("/applications/queue"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-application]")));
        boolean plainSeen = false;
        boolean found = false;
        for (WebElement row : browser.findElements(By.cssSelector("tr[data-application]"))) {
            boolean chained =
                    !row.findElements(By.cssSelector("[data-test=chain]")).isEmpty();
            if (row.getAttribute("data-application").equals(application.toString())) {
                assertThat(plainSeen)
                        .as("a chain filing comes before every other application")
                        .isFalse();
                assertThat(row.findElement(By.cssSelector("[data-test=chain]")).getText())
                        .contains(shopName);
                found = true;
            }
            plainSeen |= !chained;
        }
        assertThat(found).isTrue();
        BrowserSupport.screenshot(browser, "supply-chain-queue");
        pages.click(By.cssSelector("tr[data-application='" + application + "'] a"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=chain-mark]")));
        assertThat(pages.text("[data-test=chain-mark]")).contains(shopName).contains("Critical");
        pages.click(By.cssSelector("[data-test=approve]"));
        await(10)
                .until(d ->
                        pages.firstText("[data-test=application-status] .badge").equals("Approved"));

        // The lead is told its chain is ready, and its page says so.
        pages.signIn("ent-haishu");
        await(15).until(d -> {
            browser.get(url("/notifications"));
            return !browser.findElements(By.cssSelector("[data-kind^=CHAIN_]")).isEmpty();
        });
        assertThat(pages.text("[data-test=notifications]")).contains("supplier that can run");
        browser.get(url("/supply-chains"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=chain-ready]")));
        assertThat(browser.findElements(By.cssSelector("[data-test=why]"))).isEmpty();
        assertThat(pages.text("[data-test=chain-notices]")).contains("supplier that can run");
        BrowserSupport.screenshot(browser, "supply-chain-ready");

        // The supplier sees its lead's standing on its own page, but not the lead's tree.
        pages.signIn("ent-jiangbei");
        browser.get(url("/supply-chains"));
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=supplied]")));
        assertThat(pages.text("[data-test=supplied]")).contains(shopName).contains("zip fasteners");
        browser.get(url("/supply-chains/" + shop));
        assertThat(pages.denied()).isTrue();

        // Jiangbei's official cannot open (or so edit) Haishu's tree.
        pages.signIn("jiangbei");
        browser.get(url("/supply-chains/" + shop));
        assertThat(pages.denied()).isTrue();
    }
}
