package io.gridwarden.common.metrics;

import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile.Operator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who may read {@code GET /metrics}: an operator of the town file whose role is {@value #ROLE} (a scraper such as
 * Prometheus: it reads {@code /metrics} and nothing else) or {@code admin}, sending its token as
 * {@code Authorization: Bearer <token>}. The metrics say how busy the town is, how many violations are open and
 * where the process spends its memory: not for anyone who can reach a device port.
 *
 * <p>Operators are indexed by their token hash, so a scrape costs one SHA-256 and one lookup; a lookup by hash
 * leaks nothing useful through timing (an attacker would need a preimage of a stored hash). Thread-safe.
 */
public final class ScrapeAccess {

    /** The role of an operator that only reads {@code /metrics}. */
    public static final String ROLE = "metrics";
    private static final String ADMIN = "admin";

    /** What a request's credentials come to. */
    public enum Outcome {
        /** An operator who may read the metrics. */
        ALLOWED,
        /** No {@code Authorization: Bearer} header, or an empty token. */
        MISSING,
        /** A token no operator of the town has. */
        UNKNOWN,
        /** An operator's token, of a role that does not read the metrics. */
        FORBIDDEN
    }

    private volatile Map<String, Operator> byTokenHash;

    public ScrapeAccess(Town town) {
        byTokenHash = index(town);
    }

    /** From now on, the operators of {@code town} (a new version of the town file). */
    public void use(Town town) {
        byTokenHash = index(town);
    }

    /** Whether {@code operator}'s role reads {@code /metrics}. */
    public static boolean mayScrape(Operator operator) {
        return ROLE.equals(operator.role()) || ADMIN.equals(operator.role());
    }

    /** What the request's {@code Authorization} header (null when absent) comes to. */
    public Outcome check(String authorizationHeader) {
        Optional<String> token = Secrets.bearerToken(authorizationHeader);
        if (token.isEmpty()) {
            return Outcome.MISSING;
        }
        Operator operator = byTokenHash.get(Secrets.hash(token.get()));
        if (operator == null) {
            return Outcome.UNKNOWN;
        }
        return mayScrape(operator) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
    }

    /** Why a request was refused, in words for the reply (never the token). */
    public static String explain(Outcome outcome) {
        return switch (outcome) {
            case MISSING -> "send Authorization: Bearer <token> of an operator with role " + ROLE + " or admin";
            case UNKNOWN -> "the token is not known to this town";
            case FORBIDDEN -> "only operators with role " + ROLE + " or admin read /metrics";
            case ALLOWED -> "allowed";
        };
    }

    private static Map<String, Operator> index(Town town) {
        Map<String, Operator> index = new HashMap<>();
        for (Operator operator : town.operators()) {
            if (operator.tokenHash() != null) {
                index.putIfAbsent(operator.tokenHash(), operator);
            }
        }
        return Map.copyOf(index);
    }
}
