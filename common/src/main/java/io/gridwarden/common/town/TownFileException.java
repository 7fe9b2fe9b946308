package io.gridwarden.common.town;

import java.util.List;

/** The town file cannot be used; the message names the entry and what to fix ({@link #problems()}: each of them). */
public final class TownFileException extends RuntimeException {

    private final List<String> problems;

    public TownFileException(String message) {
        super(message);
        this.problems = List.of(message);
    }

    public TownFileException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    /** Several problems found at once; the message lists them one a line. */
    public TownFileException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, each naming the entry and what to fix. */
    public List<String> problems() {
        return problems;
    }
}
