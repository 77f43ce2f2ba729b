package org.fugong.journeys;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the journeys do on every page: sign in as a demo user, wait, click, read. */
final class Pages {

    private final WebDriver browser;
    private final int port;

    Pages(WebDriver browser, int port) {
        this.browser = browser;
        this.port = port;
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void open(String path) {
        browser.get(url(path));
    }

    /** Signs in afresh (no session kept from the user before), in English. */
    void signIn(String username) {
        browser.manage().deleteAllCookies();
        open("/login?lang=en");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("[data-test=login-submit]")).click();
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=user-menu]")));
    }

    void click(By by) {
        WebElement element = await(10).until(ExpectedConditions.elementToBeClickable(by));
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    void type(String id, String text) {
        await(10).until(ExpectedConditions.presenceOfElementLocated(By.id(id))).sendKeys(text);
    }

    String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    /** The text of the first element the selector finds, or "" if there is none yet. */
    String firstText(String css) {
        var found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    boolean denied() {
        return !browser.findElements(By.cssSelector("[data-test=error-403]")).isEmpty();
    }

    WebDriverWait await(int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }
}
