package io.gridwarden.suite.e2e;

import io.gridwarden.common.town.Town;
import io.gridwarden.simulator.CommandInbox;
import io.gridwarden.suite.peers.GridwardenChild;
import io.gridwarden.suite.settings.SuiteSettings;
import java.nio.file.Files;
import java.util.List;

/**
 * Time from "the violation is due" to the action and to the device, with gridwarden as a child
 * process and the load generator sending at a background rate from the other cameras ({@link LatencyProbe}).
 *
 * <p>The probe camera is the town's first (the demo's cam-0001 or a city's cam-00001, 60 s dwell). The design
 * floor: the watermark trails the log clock by {@code maxDeviceDelay} (250 ms by default), so no violation
 * can fire sooner than that after it is due.
 */
public final class EndToEndLatency {

    private EndToEndLatency() {}

    public static List<LatencyFigures> run(SuiteSettings s) throws Exception {
        Sightings sightings = new Sightings();
        var plan = new LatencyProbe.Plan(s.probeCamera(), Town.load(s.town()).zoneRules(s.probeCamera()).get(0).dwell(), s.cameras(),
                s.e2eBackgroundRates(), s.e2eDuration(), s.prime(), s.prime(), s.batchSize(), s.maxInFlight());
        try (var inbox = new CommandInbox(0, sightings::onCommand);
             var gridwarden = GridwardenChild.start(s.gridwardenJar(), Files.createDirectories(s.workDir().resolve("e2e")), inbox.baseUrl(),
                     s.gridwardenHeap(), s.gridwardenArgs())) {
            return LatencyProbe.run(new LatencyProbe.Target(List.of(gridwarden.ingestUrl()), gridwarden.opsUrl()), plan, sightings);
        }
    }
}
