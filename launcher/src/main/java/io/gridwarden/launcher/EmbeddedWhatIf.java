package io.gridwarden.launcher;

import io.gridwarden.alerting.whatif.WhatIfRunner;
import io.gridwarden.common.replay.WhatIfReport;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The dashboard's what-ifs ({@code POST /v1/whatif}) in the embedded process: the submitted town file, checked whole, then replayed. */
final class EmbeddedWhatIf implements WhatIfRunner {

    static final String SUBMITTED = "the submitted town file";

    private final WhatIf whatIf;

    EmbeddedWhatIf(WhatIf whatIf) {
        this.whatIf = whatIf;
    }

    @Override
    public WhatIfReport run(String townYaml, Instant from, Instant until) throws Exception {
        Path file = Files.createTempFile("gridwarden-candidate-town", ".yaml");
        try {
            Files.writeString(file, townYaml, StandardCharsets.UTF_8);
            try {
                Town.load(file.toString());
            } catch (TownFileException | IllegalArgumentException e) {
                throw new InvalidCandidateException(e.getMessage().replace(file.toString(), "the town file"));
            }
            return whatIf.run(file.toString(), SUBMITTED, from, until);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
