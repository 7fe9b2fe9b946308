package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.simulator.CommandInbox;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import io.gridwarden.testsupport.HeadlessChromium;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The officer's page on a phone-sized headless Chromium, through the real process ({@code gridwarden run}
 * without the simulator): a violation dispatched to off-01 appears on off-01's page; accepting it and, with
 * the link down, resolving it with a photo go to ingest as off-01's own events (the photo to alerting), and the ops
 * API sees the violation move, with the photo on its timeline.
 */
@DisplayName("gridwarden run: the officer's page")
class OfficerPageBrowserTest {

    private static final String CAMERA = "cam-0001";
    /** Close to cam-0001 (28.7405, 118.5860). */
    private static final double[] NEAR = {28.7409, 118.5864};
    static final Path SCREENSHOT = Path.of("target", "officer-page.png");
    static final Path PHOTO_SCREENSHOT = Path.of("target", "officer-page-photo.png");

    @TempDir
    Path dir;
    private final List<Command> assignments = new CopyOnWriteArrayList<>();
    private final DemoEvents events = new DemoEvents("officer-page");

    @Test
    @DisplayName("A banner dispatched to off-01 shows on off-01's phone; Accept, then Resolved with a photo tapped offline and sent on"
            + " reconnect; the ops API shows accepted, then resolved, and the operator gets the photo from the violation's timeline")
    void officerAcceptsAndResolvesFromThePage() throws Exception {
        try (var inbox = new CommandInbox(0, (device, command) -> {
                if (device.equals("off-01") && Command.ASSIGNMENT.equals(command.type())) {
                    assignments.add(command);
                }
            });
             var gridwarden = new GridwardenProcess(dir.resolve("data"), inbox.baseUrl(), output())
                     .start(List.of("--town", bannerTown().toString()))) {
            ChromeDriver phone = HeadlessChromium.start(dir, 390, 844);
            try {
                var devices = new DeviceClient(gridwarden.ingestUrl());
                send(devices, "off-01", events.officer("off-01", Instant.now(), NEAR[0], NEAR[1], Availability.AVAILABLE));
                List<DeviceEvent> frames = new ArrayList<>();
                for (Instant t = Instant.now().minusSeconds(6); t.isBefore(Instant.now()); t = t.plusSeconds(1)) {
                    frames.add(events.frame(CAMERA, t, List.of(banner())));
                }
                send(devices, CAMERA, frames.toArray(DeviceEvent[]::new));
                awaitTrue(() -> {
                    sendQuietly(devices, CAMERA, events.frame(CAMERA, Instant.now(), List.of(banner())));
                    return !assignments.isEmpty();
                }, Duration.ofSeconds(60));
                String violation = assignments.get(0).violation();

                // The page redraws a card when its assignment changes: an element found a moment ago may be gone.
                WebDriverWait wait = new WebDriverWait(phone, Duration.ofSeconds(20));
                wait.ignoring(StaleElementReferenceException.class);
                phone.get(gridwarden.opsUrl() + "/officer");
                phone.findElement(By.id("token")).sendKeys("demo-off-01");
                phone.findElement(By.id("login-button")).click();
                By card = By.cssSelector("li[data-id='" + violation + "']");
                wait.until(d -> !d.findElements(card).isEmpty());
                assertThat(cardStatus(phone, violation)).isEqualTo("dispatched");
                assertThat(phone.findElement(card).getText()).contains("Illegal advertising").contains(CAMERA);
                assertThat(phone.findElements(By.cssSelector("li[data-id='" + violation + "'] svg .shape.boundary")))
                        .as("the town's outline under the spot").isNotEmpty();
                assertThat(phone.executeScript("return sessionStorage.getItem('gw.officer.token')")).isEqualTo("demo-off-01");
                assertThat(phone.getCurrentUrl()).doesNotContain("demo-off-01");

                tap(phone, card, "accepted", "on my way");
                awaitStatus(gridwarden, violation, "accepted");
                wait.until(d -> "accepted".equals(cardStatus(phone, violation)));
                HeadlessChromium.screenshot(phone, SCREENSHOT);

                phone.setNetworkConditions(offline(true));
                phone.findElement(card).findElement(By.cssSelector("input.photo-input")).sendKeys(photo().toAbsolutePath().toString());
                wait.until(d -> !d.findElements(By.cssSelector("li[data-id='" + violation + "'] img.photo-preview")).isEmpty());
                HeadlessChromium.screenshot(phone, PHOTO_SCREENSHOT);
                tap(phone, card, "resolved", "banner removed");
                wait.until(d -> d.findElement(By.id("outbox")).isDisplayed());
                assertThat(phone.findElement(By.id("outbox")).getText()).contains("1 answer(s) waiting").contains("1 photo(s)");
                assertThat(status(gridwarden, violation)).as("nothing reached ingest while offline").isEqualTo("accepted");

                phone.setNetworkConditions(offline(false));
                awaitStatus(gridwarden, violation, "resolved");
                wait.until(d -> d.findElements(card).isEmpty()); // resolved: no longer off-01's
                assertThat(HeadlessChromium.consoleMessages(phone)).as("the page runs under its Content-Security-Policy")
                        .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"));
                assertThat(timeline(gridwarden, violation)).contains("on my way").contains("banner removed");
                assertThat(photoFromTimeline(gridwarden, violation)).as("the photo, shrunk by the page, as the operator gets it")
                        .startsWith(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            } finally {
                phone.quit();
            }
        }
    }

    /** A real JPEG, as a phone's camera would give the page (4000 × 3000: the page shrinks it). */
    private Path photo() throws java.io.IOException {
        var image = new java.awt.image.BufferedImage(4000, 3000, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(java.awt.Color.ORANGE);
        graphics.fillRect(1000, 1000, 2000, 1000);
        graphics.dispose();
        Path file = dir.resolve("banner-removed.jpg");
        javax.imageio.ImageIO.write(image, "jpg", file.toFile());
        return file;
    }

    /** The bytes of the picture the violation's photo step names, fetched as an operator does. */
    private static byte[] photoFromTimeline(GridwardenProcess gridwarden, String violation) throws Exception {
        var timeline = new io.vertx.core.json.JsonObject(violationJson(gridwarden, violation)).getJsonArray("timeline");
        String ref = java.util.stream.IntStream.range(0, timeline.size()).mapToObj(timeline::getJsonObject)
                .filter(step -> "photo".equals(step.getString("status")) && "off-01".equals(step.getString("officer")))
                .map(step -> step.getJsonArray("evidence").getString(0)).findFirst().orElseThrow(() -> new AssertionError(timeline.encode()));
        HttpResponse<byte[]> picture = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gridwarden.opsUrl() + "/v1/violations/"
                + violation + "/evidence/" + ref)).header("Authorization", "Bearer demo-admin").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.headers().firstValue("content-type")).hasValue("image/jpeg");
        assertThat(picture.body().length).as("shrunk to ~1600 px").isBetween(1_000, 1024 * 1024);
        return picture.body();
    }

    private static Path output() throws java.io.IOException {
        return Files.createDirectories(Path.of("target", "e2e")).resolve(OfficerPageBrowserTest.class.getSimpleName() + "-" + System.nanoTime() + ".log");
    }

    /** The status the page shows on the violation's card (read in one go: the page redraws cards as news comes). */
    private static Object cardStatus(ChromeDriver phone, String violation) {
        return phone.executeScript("const c = document.querySelector(`li[data-id='${arguments[0]}']`); return c && c.dataset.status", violation);
    }

    /** Types a note on the card and taps the answer's button. */
    private static void tap(ChromeDriver phone, By card, String result, String note) {
        WebElement textarea = phone.findElement(card).findElement(By.tagName("textarea"));
        textarea.clear();
        textarea.sendKeys(note);
        phone.findElement(card).findElement(By.cssSelector("button[data-result='" + result + "']")).click();
    }

    private static ChromiumNetworkConditions offline(boolean offline) {
        ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
        conditions.setOffline(offline);
        return conditions;
    }

    private static DetectedObject banner() {
        return new DetectedObject("t-banner", "banner", 0.9, new Box(0.40, 0.55, 0.15, 0.20));
    }

    /** The demo town with cam-0001's zone watching for banners (no voice warning) with a 2 s dwell. */
    private Path bannerTown() throws Exception {
        String demo;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("towns/demo-town.yaml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String zone = "{id: z-parking, category: illegal_parking, polygon: [[0.0, 0.5], [1.0, 0.5], [1.0, 1.0], [0.0, 1.0]], dwell: 60s, grace: 30s,";
        assertThat(demo).contains(zone);
        return Files.writeString(dir.resolve("town.yaml"), demo.replaceFirst(Pattern.quote(zone),
                zone.replace("illegal_parking", "illegal_advertising").replace("dwell: 60s, grace: 30s", "dwell: 2s")));
    }

    private static void send(DeviceClient devices, String device, DeviceEvent... batch) throws Exception {
        DeviceClient.Reply reply = devices.send(DeviceClient.demoToken(device), List.of(batch));
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    }

    private static void sendQuietly(DeviceClient devices, String device, DeviceEvent event) {
        try {
            devices.send(DeviceClient.demoToken(device), List.of(event));
            Thread.sleep(1000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitStatus(GridwardenProcess gridwarden, String violation, String expected) throws InterruptedException {
        awaitTrue(() -> expected.equals(status(gridwarden, violation)), Duration.ofSeconds(30));
    }

    private static String status(GridwardenProcess gridwarden, String violation) {
        return new io.vertx.core.json.JsonObject(violationJson(gridwarden, violation)).getString("status");
    }

    private static String timeline(GridwardenProcess gridwarden, String violation) {
        return new io.vertx.core.json.JsonObject(violationJson(gridwarden, violation)).getJsonArray("timeline").encode();
    }

    private static String violationJson(GridwardenProcess gridwarden, String violation) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gridwarden.opsUrl() + "/v1/violations/" + violation))
                    .header("Authorization", "Bearer demo-admin").build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "{}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited " + timeout).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
