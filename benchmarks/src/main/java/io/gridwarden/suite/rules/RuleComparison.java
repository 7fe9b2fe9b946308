package io.gridwarden.suite.rules;

import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.model.CameraFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule evaluation, ours against Esper, on the same generated stream, interleaved (ours, Esper, ours,
 * Esper …) so the machine's drift hits both. Each run processes the whole stream; the figure is
 * frames per second, the best of the rounds (the least disturbed by other work on the machine).
 */
public final class RuleComparison {

    /** One engine's figures: frames/s of its best round, and the violations it found. */
    public record Figures(String engine, long frames, double framesPerSecond, long violations) {}

    public static List<Figures> run(Town town, int streamSeconds, int rounds) {
        List<CameraFrame> frames = DwellStream.generate(town, streamSeconds, 42);
        List<DwellRunner> runners = List.of(new OurDetection(town), new EsperDwell(town));
        double[] best = new double[runners.size()];
        long[] violations = new long[runners.size()];
        for (int warm = 0; warm < runners.size(); warm++) {
            runners.get(warm).violations(frames.subList(0, Math.min(frames.size(), 20_000)));
        }
        for (int round = 0; round < rounds; round++) {
            for (int r = 0; r < runners.size(); r++) {
                long start = System.nanoTime();
                violations[r] = runners.get(r).violations(frames).size();
                double seconds = (System.nanoTime() - start) / 1e9;
                best[r] = Math.max(best[r], frames.size() / seconds);
            }
        }
        List<Figures> out = new ArrayList<>();
        for (int r = 0; r < runners.size(); r++) {
            out.add(new Figures(runners.get(r).name(), frames.size(), Math.round(best[r]), violations[r]));
        }
        return out;
    }
}
