package io.gridwarden.alerting.view;

import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which violations an operator may see and asked for: their jurisdictions ({@code *} = all) and the
 * optional {@code jurisdiction}, {@code category}, {@code status} filters (comma-separated; empty = any).
 */
public record ViolationFilter(Set<String> scope, Set<String> jurisdictions, Set<String> categories,
                              Set<ViolationStatus> statuses) implements Predicate<Violation> {

    public static final String ALL_JURISDICTIONS = "*";

    /**
     * @throws IllegalArgumentException naming an unknown status
     */
    public static ViolationFilter parse(Collection<String> operatorJurisdictions, String jurisdiction, String category, String status) {
        Set<ViolationStatus> statuses = split(status).stream()
                .map(s -> ViolationStatus.fromWire(s).orElseThrow(() -> new IllegalArgumentException(
                        "unknown status '" + s + "'; use one of " + Arrays.stream(ViolationStatus.values())
                                .map(ViolationStatus::wireName).collect(Collectors.joining(", ")))))
                .collect(Collectors.toSet());
        return new ViolationFilter(Set.copyOf(operatorJurisdictions), split(jurisdiction), split(category), statuses);
    }

    /** Whether an operator with these jurisdictions may see the violation at all. */
    public static boolean inScope(Collection<String> operatorJurisdictions, Violation violation) {
        return operatorJurisdictions.contains(ALL_JURISDICTIONS) || operatorJurisdictions.contains(violation.jurisdiction());
    }

    @Override
    public boolean test(Violation v) {
        return inScope(scope, v)
                && (jurisdictions.isEmpty() || jurisdictions.contains(v.jurisdiction()))
                && (categories.isEmpty() || categories.contains(v.category()))
                && (statuses.isEmpty() || statuses.contains(v.status()));
    }

    private static Set<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
