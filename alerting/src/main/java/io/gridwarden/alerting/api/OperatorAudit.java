package io.gridwarden.alerting.api;

import io.gridwarden.alerting.audit.AuditEntry;
import io.gridwarden.alerting.audit.AuditLog;
import io.gridwarden.common.town.TownFile.Operator;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Puts operators' attempts into the audit log, on a worker, before they are answered. The address is
 * the connection's peer as this server sees it (a proxy's address behind one: forwarded headers are
 * not trusted). Recording never fails a request: an entry that cannot be written is logged instead.
 */
final class OperatorAudit {

    private static final System.Logger LOG = System.getLogger(OperatorAudit.class.getName());

    private final AuditLog log;
    private final Clock clock;

    OperatorAudit(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Who asks for {@code action} on the violation of the request's path, now, from where. */
    AuditEntry.Attempt attempt(RoutingContext ctx, String action) {
        Operator operator = OperatorAuth.operator(ctx);
        SocketAddress peer = ctx.request().remoteAddress();
        String address = peer == null ? null : peer.hostAddress() != null ? peer.hostAddress() : peer.toString();
        return new AuditEntry.Attempt(clock.instant(), operator.id(), operator.role(), address, action, ctx.pathParam("id"), null, null);
    }

    /** Completes once the entry is durable, or its failure logged. */
    Future<Void> record(RoutingContext ctx, AuditEntry entry) {
        return ctx.vertx().<Void>executeBlocking(() -> {
            log.record(entry);
            return null;
        }, false).recover(e -> {
            LOG.log(System.Logger.Level.ERROR, "cannot record in the audit log: " + entry, e);
            return Future.succeededFuture();
        });
    }
}
