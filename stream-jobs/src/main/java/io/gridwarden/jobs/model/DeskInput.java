package io.gridwarden.jobs.model;

import java.util.Comparator;

/**
 * Anything assignment reacts to, as one type so it can be buffered and replayed in event-time order:
 * exactly one of {@code request}, {@code officer}, {@code ack} and {@code operation} is set.
 *
 * <p>Inputs of the same instant are taken in a fixed order (officers' reports, then acks, then
 * dispatchers' actions, then new requests; within a kind by id), so the same log always yields the
 * same decisions whatever order the two upstream operators' outputs interleave in.
 *
 * <p>{@code region} is the dispatch region that decides on it (null until routed), the assignment
 * operator's key.
 */
public record DeskInput(long time, int rank, String sortKey, DispatchRequest request, OfficerUpdate officer, DeviceAck ack,
        OperatorAction operation, String region) {

    /** The deterministic processing order of inputs. */
    public static final Comparator<DeskInput> ORDER =
            Comparator.comparingLong(DeskInput::time).thenComparingInt(DeskInput::rank).thenComparing(DeskInput::sortKey);

    public static DeskInput of(OfficerUpdate u) {
        return new DeskInput(u.time(), 0, u.officer(), null, u, null, null, null);
    }

    public static DeskInput of(DeviceAck a) {
        return new DeskInput(a.time(), 1, a.device() + '|' + a.command() + '|' + a.result(), null, null, a, null, null);
    }

    public static DeskInput of(OperatorAction o) {
        return new DeskInput(o.time(), 2, o.violation() + '|' + o.close() + '|' + o.officer(), null, null, null, o, null);
    }

    public static DeskInput of(DispatchRequest r) {
        return new DeskInput(r.at(), 3, r.violation().id(), r, null, null, null, null);
    }

    /** This input as decided by {@code decidingRegion}. */
    public DeskInput inRegion(String decidingRegion) {
        return new DeskInput(time, rank, sortKey, request, officer, ack, operation, decidingRegion);
    }
}
