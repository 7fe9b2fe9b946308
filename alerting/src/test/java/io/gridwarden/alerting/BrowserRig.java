package io.gridwarden.alerting;

import io.gridwarden.testsupport.HeadlessChromium;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A running alerting on real logs in a test's directory, seeded before it starts, and a headless Chromium
 * (1600×1000) to look at it with: what each browser test of the dashboard's pages starts before and closes after each test.
 */
record BrowserRig(AlertingHarness harness, ChromeDriver browser) implements AutoCloseable {

    /** How a test deploys alerting on the seeded harness. */
    interface Deploy {
        void on(AlertingHarness harness) throws Exception;
    }

    static BrowserRig start(Path dir, Consumer<AlertingHarness> seed) throws Exception {
        return start(dir, seed, h -> h.deploy(null));
    }

    static BrowserRig start(Path dir, Consumer<AlertingHarness> seed, Deploy deploy) throws Exception {
        AlertingHarness harness = new AlertingHarness(Vertx.vertx(), dir);
        try {
            seed.accept(harness);
            deploy.on(harness);
            return new BrowserRig(harness, HeadlessChromium.start(dir, 1600, 1000));
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
