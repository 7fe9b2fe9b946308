package io.gridwarden.common.health;

import java.util.Optional;

/**
 * Something outside a service that the service is not ready without: in the one-process run, the
 * enforcement job that decides what devices' events mean. A service shows it as one more part of its
 * {@code GET /health/ready}, and answers 503 while it is down.
 */
public interface ReadinessDependency {

    /** The part's name in the readiness body, e.g. {@code enforcementJob}. */
    String name();

    /** Empty while it is up; else why it is down, in a sentence that tells an operator what to do. */
    Optional<String> problem();
}
