package io.gridwarden.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * The system's headless Chromium driven by chromedriver, as the browser tests of the dashboard's pages use it:
 * a fresh profile and a download folder in the test's temp dir, nothing fetched beyond the page's own server,
 * the browser console kept (to find Content-Security-Policy violations).
 */
final class HeadlessChromium {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** A 1600×1000 window; downloads go to {@link #downloads(Path)} of {@code dir}. */
    static ChromeDriver start(Path dir) throws IOException {
        assertThat(CHROMIUM).as("headless Chromium is needed for the dashboard test: apt-get install chromium chromium-driver").exists();
        assertThat(CHROMEDRIVER).as("chromedriver is needed for the dashboard test: apt-get install chromium chromium-driver").exists();
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + Files.createDirectories(dir.resolve("chrome-profile")), "--lang=zh-CN");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", Files.createDirectories(downloads(dir)).toString(),
                "download.prompt_for_download", false));
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1600, 1000));
        return browser;
    }

    /** Where the browser started on {@code dir} saves downloads. */
    static Path downloads(Path dir) {
        return dir.resolve("downloads");
    }

    /**
     * A running alerting on real logs in {@code dir}, seeded by {@code seed} before it starts, and a browser
     * to look at it with. What each browser test starts before and closes after each test.
     */
    record Rig(AlertingHarness harness, ChromeDriver browser) implements AutoCloseable {

        static Rig start(Path dir, Consumer<AlertingHarness> seed) throws Exception {
            AlertingHarness harness = new AlertingHarness(Vertx.vertx(), dir);
            try {
                seed.accept(harness);
                harness.deploy(null);
                return new Rig(harness, HeadlessChromium.start(dir));
            } catch (Exception | AssertionError e) {
                harness.close();
                throw e;
            }
        }

        /** The page at {@code path} of this alerting. */
        String url(String path) {
            return "http://127.0.0.1:" + harness.port() + path;
        }

        @Override
        public void close() throws Exception {
            try {
                browser.quit();
            } finally {
                harness.close();
            }
        }
    }

    /** What the page logged to the browser's console so far. */
    static List<String> consoleMessages(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }
}
