package io.gridwarden.jobs.assign;

import io.gridwarden.common.action.Action.OfficerPosition;
import io.gridwarden.common.action.Action;
import io.gridwarden.jobs.model.OfficerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the operations map shows of the officers: an {@code OFFICER_UPDATE} when an officer's shown
 * status changes (available, busy, off duty), and, throttled, when they moved more than
 * {@link #MOVED_METRES} or {@link #REFRESH} passed since the last one. One update per officer per
 * instant at most, so ids (officer and instant) never collide.
 */
final class OfficerMap {

    static final double MOVED_METRES = 50;
    static final Duration REFRESH = Duration.ofSeconds(60);

    List<Action> show(DeskBook book, long now) {
        List<Action> actions = new ArrayList<>();
        for (String id : List.copyOf(book.changedOfficers())) {
            OfficerState o = book.officer(id).orElseThrow();
            Optional<OfficerPosition> last = book.shown(id);
            if (last.isEmpty() || worthShowing(last.get(), o, now)) {
                OfficerPosition position = new OfficerPosition(id, o.unit(), o.lat(), o.lon(), o.shownStatus(), Instant.ofEpochMilli(now));
                book.show(position);
                actions.add(Action.officer(position));
            }
        }
        return actions;
    }

    private static boolean worthShowing(OfficerPosition last, OfficerState o, long now) {
        if (!last.status().equals(o.shownStatus())) {
            return true;
        }
        long since = now - last.at().toEpochMilli();
        if (since <= 0) {
            return false;
        }
        return GreatCircle.metres(last.lat(), last.lon(), o.lat(), o.lon()) > MOVED_METRES || since >= REFRESH.toMillis();
    }
}
