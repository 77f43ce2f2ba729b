package org.fugong.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fugong.BrowserSupport;
import org.fugong.enterprises.UnifiedSocialCreditCode;
import org.fugong.enterprises.internal.EnterpriseImports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What only a browser shows: signing in, the menu of each role, the language switch, the 403 page, htmx. */
class ShellJourneyTests extends JourneyTest {

    static final Map<String, List<String>> NAVIGATION = Map.of(
            "city",
                    List.of(
                            "/dashboard",
                            "/riskmap",
                            "/enterprises",
                            "/applications/queue",
                            "/visits",
                            "/supply-chains",
                            "/tickets",
                            "/transport",
                            "/health",
                            "/admin/users",
                            "/audit",
                            "/geography"),
            "haishu",
                    List.of(
                            "/dashboard",
                            "/riskmap",
                            "/enterprises",
                            "/applications/queue",
                            "/visits",
                            "/supply-chains",
                            "/tickets",
                            "/transport",
                            "/admin/users",
                            "/audit",
                            "/geography"),
            "jiangbei",
                    List.of(
                            "/dashboard",
                            "/riskmap",
                            "/enterprises",
                            "/applications/queue",
                            "/visits",
                            "/supply-chains",
                            "/tickets",
                            "/transport",
                            "/admin/users",
                            "/audit",
                            "/geography"),
            "labour", List.of("/riskmap", "/tickets", "/geography"),
            "transport", List.of("/riskmap", "/tickets", "/transport", "/geography"),
            "commissioner", List.of("/riskmap", "/enterprises", "/visits", "/tickets", "/geography"),
            "ent-haishu",
                    List.of(
                            "/my",
                            "/enterprises/mine",
                            "/applications/mine",
                            "/visits",
                            "/supply-chains",
                            "/tickets",
                            "/transport",
                            "/health/staff",
                            "/public/riskmap"),
            "ent-jiangbei",
                    List.of(
                            "/my",
                            "/enterprises/mine",
                            "/applications/mine",
                            "/visits",
                            "/supply-chains",
                            "/tickets",
                            "/transport",
                            "/health/staff",
                            "/public/riskmap"),
            "gate", List.of("/gate", "/public/riskmap"),
            "health", List.of("/riskmap", "/tickets", "/health", "/geography"));

    @BeforeEach
    void freshBrowser() {
        browser.get(url("/login?lang=en"));
        browser.manage().deleteAllCookies();
    }

    @Test
    void everyDemoAccountSignsInAndSeesItsOwnMenu() {
        for (var entry : NAVIGATION.entrySet()) {
            signIn(entry.getKey());
            List<String> menu = browser.findElements(By.cssSelector("[data-test=navigation] a[data-nav]")).stream()
                    .map(a -> a.getAttribute("data-nav"))
                    .toList();
            assertThat(menu).as(entry.getKey()).containsExactlyElementsOf(entry.getValue());
            signOut();
            assertThat(browser.getCurrentUrl()).endsWith("/login?logout");
        }
    }

    @Test
    void theLanguageSwitchChangesThePageAndStays() {
        browser.get(url("/login?lang=en"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
        browser.findElement(By.cssSelector("[data-lang='zh-CN']")).click();
        waitForHeading("登录");
        signIn("city");
        waitForHeading("复工指挥中心");
        BrowserSupport.screenshot(browser, "home-zh");
        browser.findElement(By.cssSelector("[data-lang='en']")).click();
        waitForHeading("Command center");
        browser.get(url("/geography"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("districts and townships");
        BrowserSupport.screenshot(browser, "home-en");
    }

    @Test
    void haishuOpeningAJiangbeiEnterpriseGetsThe403Page() {
        signIn("haishu");
        browser.get(url("/enterprises/" + enterpriseOf("ent-jiangbei")));
        assertThat(browser.findElements(By.cssSelector("[data-test=error-403]")))
                .hasSize(1);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        BrowserSupport.screenshot(browser, "forbidden");
        browser.get(url("/audit"));
        BrowserSupport.screenshot(browser, "audit-haishu");
        browser.get(url("/enterprises/" + enterpriseOf("ent-haishu")));
        assertThat(browser.findElement(By.cssSelector("[data-test=enterprise-name]"))
                        .getText())
                .isEqualTo("宁波甬兴服饰有限公司");
    }

    @Test
    void theRegistrySearchesAsYouTypeAndLoadsMore() {
        signIn("city");
        browser.get(url("/enterprises"));
        int firstPage = rows().size();
        assertThat(firstPage).isEqualTo(26);
        click(browser.findElement(By.cssSelector("[data-test=more]")));
        waitFor(10).until(d -> rows().size() > firstPage);
        browser.findElement(By.id("q")).sendKeys("甬兴服饰");
        waitFor(10).until(d -> rows().size() < firstPage);
        waitFor(10).until(d -> rows().stream().allMatch(row -> row.getText().contains("甬兴服饰")));
        assertThat(browser.getCurrentUrl()).contains("q=");
        BrowserSupport.screenshot(browser, "enterprises");
    }

    @Test
    void anImportShowsItsProgressUntilItIsDone() throws Exception {
        signIn("haishu");
        browser.get(url("/enterprises/imports"));
        Path file = Files.createTempFile("registry", ".csv");
        Files.writeString(
                file,
                String.join(",", EnterpriseImports.COLUMNS) + "\n"
                        + UnifiedSocialCreditCode.compose('9', '1', "330203", "4J4K4L4M")
                        + ",宁波浏览器导入有限公司,林五,330203,,C,SMALL,false,40\n");
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("[data-test=import-form] button")).click();
        // The page polls with htmx until the background worker has checked and imported the file.
        waitFor(30)
                .until(d -> "DONE"
                        .equals(d.findElement(By.cssSelector("[data-test=import-status]"))
                                .getAttribute("data-status")));
        assertThat(browser.findElement(By.cssSelector("[data-test=import-status] h1"))
                        .getText())
                .isEqualTo("Imported");
        BrowserSupport.screenshot(browser, "import-done");
    }

    @Test
    void anUnknownPageIsThe404PageInChinese() {
        browser.get(url("/login?lang=zh-CN"));
        signIn("city");
        browser.get(url("/enterprises/00000000-0000-0000-0000-000000000000"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("未找到");
    }

    @Test
    void swaggerUiRendersUnderTheContentSecurityPolicy() {
        signIn("city");
        browser.get(url("/swagger-ui.html"));
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock-tag")));
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("Enterprises")
                .contains("Geography");
    }

    /** A wait that reads again what htmx swapped out while it was being read. */
    private static WebDriverWait waitFor(int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void waitForHeading(String start) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElement(By.tagName("h1")).getText().startsWith(start));
    }

    private void click(WebElement element) {
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("[data-test=enterprises] tbody tr"));
    }

    private void signIn(String user) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("[data-test=login-submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=user-menu]")));
    }

    private void signOut() {
        browser.findElement(By.cssSelector("[data-test=user-menu]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test=logout]")))
                .click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
    }
}
