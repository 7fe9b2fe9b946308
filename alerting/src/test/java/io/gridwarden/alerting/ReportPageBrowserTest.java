package io.gridwarden.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.testsupport.HeadlessChromium;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The report page in a real headless Chromium against a running alerting on real logs. */
class ReportPageBrowserTest {

    static final Path SCREENSHOT = Path.of("target", "report-page.png");

    @TempDir
    Path dir;
    private BrowserRig rig;
    private AlertingHarness harness;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        rig = BrowserRig.start(dir,
                h -> h.appendAll(DemoWeek.cases(Instant.now(), 8).stream().flatMap(List::stream).map(Action::update).toList()));
        harness = rig.harness();
        browser = rig.browser();
    }

    @AfterEach
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    @DisplayName("An admin signed in on the dashboard opens the reports, sees the week by team and by officer, and downloads it as CSV")
    void adminReadsAndDownloadsTheWeeksReport() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(rig.url("/"));
        browser.findElement(By.id("token")).sendKeys(AlertingFixtures.ADMIN_TOKEN);
        browser.findElement(By.id("login-button")).click();
        wait.until(d -> d.findElement(By.id("report-link")).isDisplayed());
        AlertingHarness.eventually("the week is stored", () -> weekByTeam().getJsonObject("total").getLong("cases") == 56);
        browser.findElement(By.id("report-link")).click();

        wait.until(d -> d.findElements(By.cssSelector("#report-table tbody tr[data-key='hecun']")).size() == 1);
        assertThat(browser.findElement(By.id("login")).isDisplayed()).as("signed in already, by the dashboard").isFalse();
        JsonObject api = weekByTeam();
        assertThat(browser.findElement(By.id("k-cases")).getText()).isEqualTo("56");
        assertThat(browser.findElement(By.cssSelector("#report-table tbody tr[data-key='tanshi'] td:nth-child(2)")).getText())
                .isEqualTo(api.getJsonArray("groups").stream().map(JsonObject.class::cast).filter(g -> g.getString("key").equals("tanshi"))
                        .findFirst().orElseThrow().getLong("cases").toString());
        assertThat(browser.findElement(By.cssSelector("#report-table tbody tr[data-key='hecun'] td")).getAttribute("title"))
                .as("the town file's name as the tooltip").isEqualTo("河村镇综合行政执法队");
        assertThat(browser.findElements(By.cssSelector("#chart-cases rect.bar"))).hasSize(api.getJsonArray("groups").size());

        new Select(browser.findElement(By.id("r-by"))).selectByValue("officer");
        browser.findElement(By.id("r-show")).click();
        wait.until(d -> d.findElements(By.cssSelector("#report-table tbody tr[data-key='off-21']")).size() == 1);
        screenshot();

        browser.findElement(By.id("r-csv")).click();
        wait.until(d -> csvFile() != null);
        byte[] csv = Files.readAllBytes(csvFile());
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("officer,off-21,李队员21,");
        assertThat(HeadlessChromium.consoleMessages(browser)).as("the page runs under its Content-Security-Policy without violations")
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"));
    }

    private JsonObject weekByTeam() {
        try {
            String q = "/v1/reports?by=team&since=" + Instant.now().minus(Duration.ofDays(8)) + "&until=" + Instant.now().plusSeconds(60);
            return harness.get(q, AlertingFixtures.ADMIN_TOKEN).bodyAsJsonObject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Path csvFile() {
        try (Stream<Path> files = Files.list(HeadlessChromium.downloads(dir))) {
            return files.filter(f -> f.getFileName().toString().matches("gridwarden-report-officer-.*\\.csv")).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private void screenshot() throws Exception {
        Files.createDirectories(SCREENSHOT.getParent());
        File shot = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }
}
