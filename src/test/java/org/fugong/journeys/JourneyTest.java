package org.fugong.journeys;

import org.fugong.BrowserSupport;
import org.fugong.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
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

    @LocalServerPort
    protected int port;

    protected Pages pages;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = BrowserSupport.start();
        }
        pages = new Pages(browser, port);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    protected String url(String path) {
        return pages.url(path);
    }

    protected WebDriverWait await(int seconds) {
        return pages.await(seconds);
    }
}
