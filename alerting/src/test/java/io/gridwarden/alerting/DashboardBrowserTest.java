package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.event.ManualAssign;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile.Camera;
import io.gridwarden.evidence.files.EvidenceLimits;
import io.gridwarden.evidence.files.FileEvidenceStore;
import io.gridwarden.testsupport.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The dashboard in a real headless Chromium against a running alerting on real logs. */
class DashboardBrowserTest {

    static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static final Town TOWN = Town.demo();

    @TempDir
    Path dir;
    private BrowserRig rig;
    private AlertingHarness harness;
    private WebDriver browser;
    private FileEvidenceStore pictures;

    @BeforeEach
    void start() throws Exception {
        rig = BrowserRig.start(dir, h -> {
            harness = h;
            seedDemoDay();
        }, h -> {
            pictures = FileEvidenceStore.open(dir.resolve("evidence"), EvidenceLimits.defaults(), java.time.Clock.systemUTC());
            h.deployWithEvidence(pictures);
        });
        browser = rig.browser();
    }

    @AfterEach
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
        if (pictures != null) {
            pictures.close();
        }
    }

    @Test
    @DisplayName("A hecun dispatcher signs in, sees a new dispatch appear live, opens its timeline and assigns it by hand")
    void dispatcherWorksAViolation() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get("http://127.0.0.1:" + harness.port() + "/");
        browser.findElement(By.id("token")).sendKeys(AlertingFixtures.HECUN_DISPATCHER_TOKEN);
        browser.findElement(By.id("login-button")).click();
        wait.until(d -> d.findElements(By.cssSelector("#violations li")).size() == 7);
        assertThat(browser.findElement(By.id("who")).getText()).contains("dispatcher");
        assertThat(browser.findElement(By.id("login")).isDisplayed()).as("the sign-in box is gone once signed in").isFalse();

        String picture = pictures.put(png(), "image/png").value(); // the detection's picture, kept by ingest
        List<Violation> history = stages("street_vending", "t-live", "tricycle stall", 6, ViolationStatus.DISPATCHED, "off-04").stream()
                .map(v -> v.withEvidence(picture)).toList();
        Violation live = history.get(history.size() - 1);
        history.forEach(v -> harness.append(Action.update(v)));
        wait.until(d -> !d.findElements(By.cssSelector("#violations li[data-id='" + live.id() + "']")).isEmpty());

        browser.findElement(By.cssSelector("#violations li[data-id='" + live.id() + "']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#detail .timeline li")).size() == 3);
        assertThat(browser.findElements(By.cssSelector("#detail .timeline li")).stream().map(e -> e.getAttribute("data-status")))
                .containsExactly("detected", "warned", "dispatched");
        assertThat(browser.findElement(By.id("detail")).getText()).contains(live.camera()).contains(live.zone());
        By shown = By.cssSelector("#detail .timeline li[data-status='detected'] img.evidence");
        wait.until(d -> ((Number) ((ChromeDriver) d).executeScript("const i = document.querySelector(arguments[0]);"
                + " return i && i.complete ? i.naturalWidth : 0", "#detail .timeline li[data-status='detected'] img.evidence")).intValue() == 8);
        assertThat(browser.findElement(shown).getAttribute("src")).as("fetched with the token, shown from memory").startsWith("blob:");
        assertThat(browser.findElement(By.cssSelector("#detail dd a")).getAttribute("href")).as("an http snapshot is a link")
                .isEqualTo(live.snapshot());

        new Select(browser.findElement(By.id("assign-officer"))).selectByValue("off-09");
        browser.findElement(By.id("assign-button")).click();
        wait.until(d -> d.findElement(By.id("action-result")).getText().contains("requested"));
        eventually("the assignment is in the event log", () -> harness.events().stream()
                .anyMatch(e -> e.type() == EventType.OPS_ASSIGN && e.data().equals(new ManualAssign(live.id(), live.camera(), "off-09", "demo-dispatcher-hecun"))));
        wait.until(d -> !d.findElement(By.id("k-warned")).getText().equals("–"));

        HeadlessChromium.screenshot(browser, SCREENSHOT);
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
        assertThat(HeadlessChromium.consoleMessages(browser)).as("the page runs under its Content-Security-Policy without violations")
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"));
    }

    @Test
    @DisplayName("A device-supplied javascript: snapshot does not become a link on the dashboard, and the page's own check refuses it too")
    void javascriptSnapshotIsNotALink() throws Exception {
        Violation hostile = OpsResponseHeadersTest.withSnapshot(
                stages("road_occupation", "t-evil", "stall", 5, ViolationStatus.WARNED, null).get(1),
                "javascript:document.title='pwned'");
        harness.append(Action.update(hostile));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get("http://127.0.0.1:" + harness.port() + "/");
        browser.findElement(By.id("token")).sendKeys(AlertingFixtures.ADMIN_TOKEN);
        browser.findElement(By.id("login-button")).click();
        By row = By.cssSelector("#violations li[data-id='" + hostile.id() + "']");
        wait.until(d -> !d.findElements(row).isEmpty());

        browser.findElement(row).click();
        wait.until(d -> d.findElements(By.cssSelector("#detail .timeline li")).size() >= 1);
        assertThat(browser.findElements(By.cssSelector("#detail a"))).as("no link in the detail").isEmpty();
        assertThat(browser.findElement(By.id("detail")).getText()).doesNotContain("javascript:");
        assertThat(browser.getTitle()).doesNotContain("pwned");

        ChromeDriver chrome = (ChromeDriver) browser;
        for (String hostileUrl : List.of("javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>x</b>",
                "vbscript:x", "//evil.example/x.jpg", "http://user:pass@evil.example/")) {
            assertThat(chrome.executeScript("return window.gridwarden.evidenceLink(arguments[0])", hostileUrl)).as(hostileUrl).isNull();
        }
        assertThat(chrome.executeScript("return window.gridwarden.evidenceLink('https://cam-0001.local/snap/1.jpg')"))
                .isEqualTo("https://cam-0001.local/snap/1.jpg");
    }

    /** An 8×8 PNG Chromium decodes. */
    private static byte[] png() throws java.io.IOException {
        var image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xff0000);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A plausible morning in hecun: seven violations at different stages, each with its whole history, and officers on the map. */
    private void seedDemoDay() {
        List<List<Violation>> day = List.of(
                stages("illegal_parking", "t-101", "car", 95, ViolationStatus.RESOLVED_BY_WARNING, null),
                stages("street_vending", "t-102", "cart", 80, ViolationStatus.ARRIVED, "off-03"),
                stages("outside_store_business", "t-103", "goods", 64, ViolationStatus.WARNED, null),
                stages("non_motor_parking", "t-104", "e-bike", 50, ViolationStatus.RESOLVED_BY_WARNING, null),
                stages("garbage_exposure", "t-105", "bin", 41, ViolationStatus.ACCEPTED, "off-06"),
                stages("road_occupation", "t-106", "stall", 30, ViolationStatus.DISPATCHED, "off-02"),
                stages("illegal_parking", "t-107", "truck", 18, ViolationStatus.WARNED, null));
        day.forEach(history -> history.forEach(v -> harness.append(Action.update(v))));
        List<Camera> cams = hecunCameras();
        for (int i = 1; i <= 8; i++) {
            Camera near = cams.get(i * 5 % cams.size());
            harness.append(Action.officer(new Action.OfficerPosition(String.format("off-%02d", i), "hecun-team",
                    near.lat() + 0.0004 * i, near.lon() - 0.0003 * i, i % 3 == 0 ? "busy" : "available", Instant.now())));
        }
    }

    private static List<Camera> hecunCameras() {
        return TOWN.cameras().stream().filter(c -> c.jurisdiction().equals("hecun")).toList();
    }

    /** Each status the violation went through up to {@code status}, as the jobs would have written them. */
    private static List<Violation> stages(String category, String track, String label, int minutesAgo, ViolationStatus status,
                                          String officer) {
        List<Camera> cams = hecunCameras().stream()
                .filter(c -> c.zones() != null && c.zones().stream().anyMatch(z -> category.equals(z.category()))).toList();
        Camera cam = cams.isEmpty() ? hecunCameras().get(Math.abs(track.hashCode()) % hecunCameras().size())
                : cams.get(Math.abs(track.hashCode()) % cams.size());
        String zone = cam.zones().stream().filter(z -> category.equals(z.category())).map(z -> z.id()).findFirst().orElse("z-street");
        Instant seen = Instant.now().minus(Duration.ofMinutes(minutesAgo));
        Violation v = new Violation(ActionIds.violation(cam.id(), zone, track, seen), category, ViolationStatus.DETECTED, cam.id(), null,
                zone, "hecun", cam.grid(), track, label, cam.lat(), cam.lon(), seen, null, null, null,
                "http://" + cam.id() + ".local/snap/" + track + ".jpg", seen, "seen for the dwell time");
        List<Violation> out = new java.util.ArrayList<>(List.of(v));
        boolean warns = !category.equals("garbage_exposure");
        if (warns && status != ViolationStatus.DETECTED) {
            out.add(v = v.withStatus(ViolationStatus.WARNED, seen.plusSeconds(20), "voice warning played"));
        }
        if (status == ViolationStatus.RESOLVED_BY_WARNING) {
            out.add(v.withStatus(status, seen.plusSeconds(140), "gone within the grace period"));
            return out;
        }
        if (status == ViolationStatus.WARNED || status == ViolationStatus.DETECTED) {
            return out;
        }
        out.add(v = v.withStatus(ViolationStatus.DISPATCHED, seen.plusSeconds(150 + minutesAgo), "still there after the grace period")
                .withOfficer(officer));
        for (ViolationStatus next : List.of(ViolationStatus.ACCEPTED, ViolationStatus.ARRIVED)) {
            if (status.ordinal() >= next.ordinal() && status != ViolationStatus.DISPATCHED) {
                out.add(v = v.withStatus(next, seen.plusSeconds(next == ViolationStatus.ACCEPTED ? 200 : 600), null));
            }
        }
        return out;
    }
}
