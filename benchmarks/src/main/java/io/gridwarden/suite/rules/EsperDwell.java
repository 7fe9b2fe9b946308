package io.gridwarden.suite.rules;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployException;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPEventService;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.ZoneRule;
import io.gridwarden.jobs.detect.DwellTracker;
import io.gridwarden.jobs.model.CameraFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The same dwell rule in Esper EPL, as an Esper user would write it: one context partition per
 * (camera, zone, track); an object is gone once {@code absence} passes without a sighting; a
 * violation is a first sighting followed by the zone's dwell without the object going. Zone
 * membership is computed in Java with the same pure function ours uses (so both pay for it), and
 * Esper's clock follows the frames' time.
 */
public final class EsperDwell implements DwellRunner {

    static final String EPL = """
            @public @buseventtype create schema Sighting(key string, camera string, zone string, track string, dwellSeconds double);
            @public create schema Gone(key string);
            create context PerTrack partition by key from Sighting, key from Gone;
            context PerTrack insert into Gone select s.key as key
                from pattern [every s=Sighting -> (timer:interval(%d sec) and not Sighting)];
            @name('violations') context PerTrack select arrival.camera as camera, arrival.zone as zone, arrival.track as track
                from pattern [arrival=Sighting -> (timer:interval(arrival.dwellSeconds) and not Gone)];
            """.formatted(DwellTracker.ABSENCE_TIMEOUT.toSeconds());

    private final Town town;

    public EsperDwell(Town town) {
        this.town = town;
    }

    @Override
    public String name() {
        return "Esper 9 EPL";
    }

    @Override
    public List<String> violations(List<CameraFrame> frames) {
        if (frames.isEmpty()) {
            return List.of();
        }
        Configuration config = new Configuration();
        config.getRuntime().getThreading().setInternalTimerEnabled(false);
        EPRuntime runtime = EPRuntimeProvider.getRuntime("dwell-" + System.nanoTime(), config);
        try {
            runtime.getEventService().advanceTime(frames.get(0).time());
            EPDeployment deployment = runtime.getDeploymentService().deploy(compile(config));
            List<String> violations = new ArrayList<>();
            runtime.getDeploymentService().getStatement(deployment.getDeploymentId(), "violations")
                    .addListener((newEvents, oldEvents, statement, rt) -> {
                        for (var e : newEvents) {
                            violations.add(e.get("camera") + "|" + e.get("zone") + "|" + e.get("track"));
                        }
                    });
            feed(runtime.getEventService(), frames);
            return violations;
        } catch (EPDeployException e) {
            throw new IllegalStateException("cannot deploy the dwell rule in Esper: " + e.getMessage(), e);
        } finally {
            runtime.destroy();
        }
    }

    private void feed(EPEventService events, List<CameraFrame> frames) {
        Map<String, List<ZoneRule>> rules = new HashMap<>();
        long last = 0;
        for (CameraFrame frame : frames) {
            events.advanceTime(frame.time());
            for (ZoneRule rule : rules.computeIfAbsent(frame.camera(), town::zoneRules)) {
                for (DetectedObject object : frame.objects()) {
                    if (DwellTracker.standsIn(rule, object)) {
                        events.sendEventMap(sighting(rule, object), "Sighting");
                    }
                }
            }
            last = Math.max(last, frame.time());
        }
        long longest = rules.values().stream().flatMap(List::stream).mapToLong(r -> r.dwell().toMillis()).max().orElse(0);
        // Step the clock a frame at a time: one long jump would fire the dwell timers in the same batch as
        // the departures they race against, and Esper processes inserted Gone events after the batch.
        long end = last + longest + DwellTracker.ABSENCE_TIMEOUT.toMillis() + DwellStream.FRAME_MILLIS;
        for (long t = last + DwellStream.FRAME_MILLIS; t <= end; t += DwellStream.FRAME_MILLIS) {
            events.advanceTime(t);
        }
    }

    private static Map<String, Object> sighting(ZoneRule rule, DetectedObject object) {
        Map<String, Object> event = new HashMap<>(8);
        event.put("key", rule.camera() + "|" + rule.zone() + "|" + object.track());
        event.put("camera", rule.camera());
        event.put("zone", rule.zone());
        event.put("track", object.track());
        event.put("dwellSeconds", rule.dwell().toMillis() / 1000.0);
        return event;
    }

    private static EPCompiled compile(Configuration config) {
        try {
            return EPCompilerProvider.getCompiler().compile(EPL, new CompilerArguments(config));
        } catch (EPCompileException e) {
            throw new IllegalStateException("the dwell rule's EPL does not compile: " + e.getMessage(), e);
        }
    }
}
