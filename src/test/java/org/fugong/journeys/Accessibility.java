package org.fugong.journeys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.events.EventFiringDecorator;
import org.openqa.selenium.support.events.WebDriverListener;

/**
 * Runs axe-core on every page a journey visits: once per document, when the journey opens it, before
 * it clicks on it, and the last page of each test. Serious and critical violations of WCAG 2.1 A and AA are kept,
 * with the page and the first elements concerned, for the journey to fail on.
 */
final class Accessibility implements WebDriverListener {

    private static final String AXE = load();

    private static final String RUN = """
            var done = arguments[arguments.length - 1];
            if (window.__fugongAxeChecked) { done(null); return; }
            window.__fugongAxeChecked = true;
            axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
              .then(function (r) {
                done(r.violations
                  .filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                  .map(function (v) {
                    return v.impact + ' ' + v.id + ' (' + v.nodes.length + '): ' + v.help + ' — '
                      + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(', ');
                  }));
              })
              .catch(function (e) { done(['axe failed: ' + e]); });
            """;

    private final List<String> violations = new ArrayList<>();
    private boolean paused;
    private WebDriver driver;
    private boolean running;

    static WebDriver watch(WebDriver browser, Accessibility accessibility) {
        accessibility.driver = browser;
        return new EventFiringDecorator<>(accessibility).decorate(browser);
    }

    /** The violations found since the last call, each with its page; cleared. */
    List<String> take() {
        check();
        List<String> found = List.copyOf(violations);
        violations.clear();
        return found;
    }

    /** Stops checking (true) or starts again (false). */
    void pause(boolean pause) {
        this.paused = pause;
    }

    @Override
    public void afterGet(WebDriver webDriver, String url) {
        check();
    }

    /**
     * Before a page is left by a click, it has loaded and the journey has looked at it: checked once.
     * (Not before every element call: the waits poll elements, and a check inside a wait eats its time.)
     */
    @Override
    public void beforeClick(WebElement element) {
        check();
    }

    @SuppressWarnings("unchecked")
    private void check() {
        if (running || paused || driver == null) {
            return;
        }
        running = true;
        try {
            JavascriptExecutor js = (JavascriptExecutor) driver;
            String url = driver.getCurrentUrl();
            // Swagger UI is a third party's page, served as it comes.
            if (url == null || !url.startsWith("http") || url.contains("/swagger-ui/")) {
                return;
            }
            Boolean loaded = (Boolean) js.executeScript("return typeof window.axe !== 'undefined'");
            if (!Boolean.TRUE.equals(loaded)) {
                js.executeScript(AXE);
            }
            Object result = js.executeAsyncScript(RUN);
            if (result instanceof List<?> list) {
                for (Object violation : list) {
                    violations.add(url.replaceFirst("http://localhost:\\d+", "") + ": " + violation);
                }
            }
        } catch (WebDriverException e) {
            // A page being replaced while it was checked: its successor is checked when it is used.
        } finally {
            running = false;
        }
    }

    private static String load() {
        try (InputStream in = Accessibility.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe-core is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
