package io.gridwarden.suite.rules;

import io.gridwarden.jobs.model.CameraFrame;
import java.util.List;

/** An engine evaluating the dwell rule (object in a zone for at least the zone's dwell, per camera, zone and track). */
public interface DwellRunner {

    String name();

    /** Runs the whole stream (in time order) and returns the violations detected, each as {@code camera|zone|track}. */
    List<String> violations(List<CameraFrame> frames);
}
