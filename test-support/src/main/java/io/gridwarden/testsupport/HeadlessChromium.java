package io.gridwarden.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The system's Chromium, headless, driven by its chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver} packages): the browser tests of the dashboard and the officer's page. Its profile
 * lives in the test's temporary directory; its console is kept so a test can check the page ran under its CSP.
 */
public final class HeadlessChromium {

    public static final File CHROMIUM = new File("/usr/bin/chromium");
    public static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** A new browser whose window is {@code width} × {@code height}, with its profile and its downloads under {@code dir}. */
    public static ChromeDriver start(Path dir, int width, int height) throws IOException {
        if (!CHROMIUM.exists() || !CHROMEDRIVER.exists()) {
            throw new IllegalStateException("headless Chromium and chromedriver are needed for the browser tests:"
                    + " apt-get install chromium chromium-driver");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + Files.createDirectories(dir.resolve("chrome-profile")), "--lang=zh-CN");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", Files.createDirectories(downloads(dir)).toString(),
                "download.prompt_for_download", false));
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(width, height));
        return browser;
    }

    /** Where the browser started on {@code dir} saves downloads. */
    public static Path downloads(Path dir) {
        return dir.resolve("downloads");
    }

    /** What the page wrote to its console so far (CSP violations land here). */
    public static List<String> consoleMessages(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /** Saves what the browser shows as a PNG at {@code file}. */
    public static void screenshot(WebDriver browser, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }
}
