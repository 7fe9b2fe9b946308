package io.gridwarden.launcher;

import io.gridwarden.alerting.town.TownLedger.Applied;
import io.gridwarden.common.town.Town;
import io.gridwarden.ingest.IngestServices;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gridwarden ingest}'s side of the town topic: each town version it reads that is later than the one in force
 * becomes ingest's town (device sign-in and rate limits), parsed whole first. A version that does not parse here
 * changes nothing: it is logged as an error and the town in force stays.
 */
final class IngestTownVersions implements Consumer<Applied> {

    private static final Logger LOG = LoggerFactory.getLogger(IngestTownVersions.class);

    private final IngestServices ingest;
    private final String startLocation;
    private volatile long inForce;

    /** @param startLocation the town file ingest started with: a version's outlines resolve against it */
    IngestTownVersions(IngestServices ingest, String startLocation) {
        this.ingest = ingest;
        this.startLocation = startLocation;
    }

    @Override
    public void accept(Applied version) {
        if (version.version() <= inForce) {
            return;
        }
        Town town;
        try {
            town = Town.parse(version.text(), startLocation);
        } catch (RuntimeException e) { // TownFileException, or a town that does not resolve here
            LOG.error("TOWN VERSION {} NOT APPLIED by this ingest: it does not parse here ({}); devices sign in by town version {}"
                    + " still", version.version(), e.getMessage(), inForce);
            return;
        }
        ingest.useTown(town);
        inForce = version.version();
        LOG.info("town version {} in force: {}", inForce, town);
    }

    /** The number of the version in force (0: the town file ingest started with). */
    long inForce() {
        return inForce;
    }
}
