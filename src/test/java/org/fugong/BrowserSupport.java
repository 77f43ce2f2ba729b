package org.fugong;

import java.io.File;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser journeys: the machine's own Chromium and chromedriver (Debian
 * packages {@code chromium} and {@code chromium-driver}), never a downloaded browser. Without them
 * the journeys are skipped, unless {@code fugong.require-browser=true} (CI), where they fail.
 */
public final class BrowserSupport {

    private static final List<String> BROWSERS = List.of(
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome");
    private static final List<String> DRIVERS = List.of(
            "/usr/bin/chromedriver",
            "/usr/lib/chromium/chromedriver",
            "/usr/local/bin/chromedriver",
            "/opt/homebrew/bin/chromedriver");

    private BrowserSupport() {}

    static boolean required() {
        return Boolean.parseBoolean(System.getProperty("fugong.require-browser"))
                || Boolean.parseBoolean(System.getenv("REQUIRE_BROWSER"));
    }

    static Optional<String> find(List<String> candidates, String property) {
        String configured = System.getProperty(property);
        if (configured != null) {
            return Optional.of(configured);
        }
        return candidates.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    public static boolean available() {
        return find(BROWSERS, "fugong.browser").isPresent()
                && find(DRIVERS, "fugong.chromedriver").isPresent();
    }

    /** A fresh headless browser with an empty profile and a fixed window size. */
    public static WebDriver start() {
        String browser =
                find(BROWSERS, "fugong.browser").orElseThrow(() -> new IllegalStateException("No Chromium found"));
        String driver = find(DRIVERS, "fugong.chromedriver")
                .orElseThrow(() -> new IllegalStateException("No chromedriver found"));
        try {
            Path profile = Files.createTempDirectory("fugong-chromium");
            var options = new ChromeOptions();
            options.setBinary(browser);
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1280,900",
                    "--user-data-dir=" + profile,
                    "--lang=en-US");
            var service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(driver))
                    .usingAnyFreePort()
                    .build();
            var webDriver = new ChromeDriver(service, options);
            webDriver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return webDriver;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves what the browser shows to target/screenshots/NAME.png, for the reader of a test run. */
    public static void screenshot(WebDriver browser, String name) {
        try {
            Path folder = Path.of("target/screenshots");
            Files.createDirectories(folder);
            Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks a test class as a browser journey: skipped without a browser, failed without one in CI. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @Inherited
    public @interface Journey {}

    /** Skips browser journeys on machines without a browser, unless a browser is required. */
    public static final class SkipUnavailable implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean journey = context.getTestClass()
                    .map(c -> c.isAnnotationPresent(Journey.class))
                    .orElse(false);
            if (!journey || available() || required()) {
                return ConditionEvaluationResult.enabled("browser available, required, or not needed");
            }
            return ConditionEvaluationResult.disabled(
                    "No Chromium/chromedriver on this machine (set REQUIRE_BROWSER=true to fail instead)");
        }
    }
}
