package io.gridwarden.alerting.whatif;

import io.gridwarden.common.replay.WhatIfReport;
import java.time.Instant;

/**
 * Runs a what-if in the process that runs the jobs: the stored events of [from, until) through a candidate
 * town file, beside the live decisions. The launcher provides it (alerting does not know the jobs); it is
 * called on a worker thread and may take seconds.
 */
public interface WhatIfRunner {

    /**
     * @param townYaml the candidate town file's text
     * @throws InvalidCandidateException the town file is not valid (its message says why)
     */
    WhatIfReport run(String townYaml, Instant from, Instant until) throws Exception;

    /** The candidate town file was refused; the message tells the admin what to change. */
    final class InvalidCandidateException extends Exception {
        public InvalidCandidateException(String message) {
            super(message);
        }
    }
}
