package org.fugong.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fugong.BrowserSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The map as a person uses it: it renders, a click opens a district, the slider replays, the table agrees. */
class RiskMapJourneyTests extends JourneyTest {

    @BeforeEach
    void signIn() {
        browser.get(url("/login?lang=en"));
        browser.manage().deleteAllCookies();
        browser.get(url("/login?lang=en"));
        browser.findElement(By.id("username")).sendKeys("city");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("[data-test=login-submit]")).click();
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=user-menu]")));
    }

    @Test
    void theMapRendersOpensADistrictAndReplaysHistory() {
        browser.get(url("/riskmap?from=2020-02-01"));
        WebElement map = browser.findElement(By.id("risk-map"));
        await(20).until(d -> map.getAttribute("data-state") != null);
        assertThat(browser.findElements(By.cssSelector("#risk-map canvas"))).isNotEmpty();
        assertThat(map.getAttribute("data-rendered-day")).isEqualTo("2020-02-01");
        Map<String, String> first = mapState(map);
        assertThat(first).hasSize(11).containsEntry("330212", "RED");

        // The table view shows the same colours as the map.
        assertThat(tableColours()).containsAllEntriesOf(first);
        BrowserSupport.screenshot(browser, "riskmap-2020-02-01");

        // Replay: move the slider to the end of the period with the keyboard.
        WebElement slider = browser.findElement(By.id("risk-date"));
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", slider);
        slider.sendKeys(Keys.END);
        await(20).until(d -> "2020-03-31".equals(map.getAttribute("data-rendered-day")));
        Map<String, String> last = mapState(map);
        assertThat(last).doesNotContainValue("RED").doesNotContainValue("ORANGE");
        assertThat(last).isNotEqualTo(first);
        await(20).until(d -> tableColours().equals(last));
        assertThat(browser.findElement(By.id("risk-date-label")).getText()).isEqualTo("2020-03-31");

        // Back to 1 February, then click Yinzhou on the map itself.
        slider.sendKeys(Keys.HOME);
        await(20).until(d -> "2020-02-01".equals(map.getAttribute("data-rendered-day")));
        clickUnit(map, "330212");
        await(20).until(d -> "330212".equals(map.getAttribute("data-level")));
        Map<String, String> townships = mapState(map);
        assertThat(townships)
                .isNotEmpty()
                .allSatisfy((code, colour) -> assertThat(code).startsWith("330212"));
        WebElement explanation = await(20)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=explanation-unit]")));
        assertThat(explanation.getText()).isEqualTo("Yinzhou District");
        assertThat(browser.findElement(By.cssSelector("[data-test=explanation-terms]"))
                        .getText())
                .contains("cumulative cases ×")
                .contains("active clusters × 10");
        assertThat(browser.findElement(By.cssSelector("[data-test=explanation-colour]"))
                        .getText())
                .isEqualTo("Red (high risk)");
        BrowserSupport.screenshot(browser, "riskmap-yinzhou");

        browser.findElement(By.id("risk-back")).click();
        await(20).until(d -> "city".equals(map.getAttribute("data-level")));

        browser.get(url("/riskmap/indicators?district=330212&date=2020-02-01"));
        assertThat(browser.findElements(By.cssSelector("[data-test=indicator-form] tbody tr")))
                .hasSizeGreaterThan(10);
        BrowserSupport.screenshot(browser, "riskmap-indicators");
    }

    @Test
    void thePublicPageShowsTodaysColoursWithoutLogin() {
        browser.manage().deleteAllCookies();
        browser.get(url("/public/riskmap?lang=en"));
        WebElement map = browser.findElement(By.id("risk-map"));
        await(20).until(d -> map.getAttribute("data-state") != null);
        assertThat(mapState(map)).hasSize(11);
        assertThat(browser.findElements(By.cssSelector("[data-test=public-table] tbody tr")))
                .hasSize(11);
        assertThat(browser.getPageSource()).doesNotContain("Score");
        BrowserSupport.screenshot(browser, "riskmap-public");
    }

    /** Clicks a unit where the map draws it: the centre of its (largest) shape, converted to pixels by ECharts. */
    private void clickUnit(WebElement map, String code) {
        @SuppressWarnings("unchecked")
        List<Number> pixel = (List<Number>) ((JavascriptExecutor) browser).executeScript("""
                const el = arguments[0];
                el.scrollIntoView({block: 'center', behavior: 'instant'});
                const chart = el.fugong.chart;
                const geo = echarts.getMap('fugong-city').geoJSON || echarts.getMap('fugong-city').geoJson;
                const feature = geo.features.find(f => f.properties.code === arguments[1]);
                // A district's real boundary may be several polygons (islands): the largest outer ring.
                const polygons = feature.geometry.type === 'MultiPolygon'
                    ? feature.geometry.coordinates : [feature.geometry.coordinates];
                const ring = polygons.map(p => p[0]).reduce((a, b) => (b.length > a.length ? b : a));
                let x = 0, y = 0;
                for (let i = 0; i < ring.length - 1; i++) { x += ring[i][0]; y += ring[i][1]; }
                x /= ring.length - 1; y /= ring.length - 1;
                return chart.convertToPixel({seriesIndex: 0}, [x, y]);""", map, code);
        int width = map.getSize().getWidth();
        int height = map.getSize().getHeight();
        new Actions(browser)
                .moveToElement(
                        map, pixel.get(0).intValue() - width / 2, pixel.get(1).intValue() - height / 2)
                .click()
                .perform();
    }

    private static Map<String, String> mapState(WebElement map) {
        Map<String, String> state = new HashMap<>();
        String json = map.getAttribute("data-state");
        for (String item : json.substring(2, json.length() - 2).split("\\],\\[")) {
            String[] parts = item.replace("\"", "").split(",");
            state.put(parts[0], parts[1]);
        }
        return state;
    }

    private Map<String, String> tableColours() {
        Map<String, String> colours = new HashMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("[data-test=risk-table] tbody tr.district-row"))) {
            colours.put(row.getAttribute("data-unit"), row.getAttribute("data-colour"));
        }
        return colours;
    }
}
