package org.fugong.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fugong.BrowserSupport;
import org.fugong.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The base of a module's browser journey: one Chromium per test class, started before its first
 * test and quit after its last, on the application's random port. A journey reaches the browser
 * through {@link #browser} and the usual steps (sign in, click, type, wait) through {@link #pages}.
 */
@BrowserSupport.Journey
abstract class JourneyTest extends IntegrationTest {

    protected static WebDriver browser;

    /** The browser itself, for what the checking wrapper cannot pass on (network conditions). */
    protected static WebDriver rawBrowser;

    private static Accessibility accessibility;

    @LocalServerPort
    protected int port;

    protected Pages pages;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            accessibility = new Accessibility();
            rawBrowser = BrowserSupport.start();
            browser = Accessibility.watch(rawBrowser, accessibility);
        }
        accessibility.pause(false);
        pages = new Pages(browser, port);
    }

    /** Leaves pages unchecked meanwhile (true), or checks them again (false). */
    protected static void pauseAccessibilityChecks(boolean pause) {
        accessibility.pause(pause);
    }

    /** Every page the test visited passes axe-core: no serious or critical violation. */
    @AfterEach
    void pagesWereAccessible() {
        List<String> violations = accessibility.take();
        System.out.println("axe: " + violations.size() + " violations" + violations);
        assertThat(violations)
                .as("serious or critical accessibility violations")
                .isEmpty();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
            rawBrowser = null;
            accessibility = null;
        }
    }

    protected String url(String path) {
        return pages.url(path);
    }

    protected WebDriverWait await(int seconds) {
        return pages.await(seconds);
    }
}
