package io.gridwarden.jobs.assign;

import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;

import io.gridwarden.common.action.Action;
import io.gridwarden.jobs.model.DeskInput;
import io.gridwarden.jobs.model.TownVersion;
import io.gridwarden.jobs.town.TownTimeline;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/** The assignment operator in a test harness, every input in region {@code hecun}; town versions on its broadcast input. */
final class DeskHarness extends KeyedTwoInputStreamOperatorTestHarness<String, DeskInput, TownVersion, Action> {

    /** Every input in one region. */
    DeskHarness(String town) throws Exception {
        this(town, (DeskInput i) -> "hecun");
    }

    private DeskHarness(String town, org.apache.flink.api.java.functions.KeySelector<DeskInput, String> region) throws Exception {
        super(new CoBroadcastWithKeyedOperator<>(new AssignmentFunction(town, COMMAND_IDS), List.of(TownTimeline.VERSIONS)),
                region, v -> "", Types.STRING);
    }

    /** Each input in the region it was routed to ({@link DeskInput#inRegion}), all of them on this one subtask. */
    static DeskHarness byRegion(String town) throws Exception {
        return new DeskHarness(town, DeskInput::region);
    }

    void processElement(DeskInput input, long timestamp) throws Exception {
        processElement1(input, timestamp);
    }

    void processWatermark(long watermark) throws Exception {
        processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(watermark));
    }

    void processTownVersion(TownVersion version) throws Exception {
        processElement2(version, version.effectiveAt());
    }
}
