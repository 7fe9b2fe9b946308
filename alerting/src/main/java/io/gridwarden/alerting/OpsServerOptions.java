package io.gridwarden.alerting;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.concurrent.TimeUnit;

/**
 * The operations server's options from alerting's configuration: the idle timeout, HTTP/1.1 only
 * (browsers never speak cleartext HTTP/2, and a connection handed over at once can be counted and
 * given its request deadline), a TLS handshake bounded like a request, and HTTPS when a PEM identity is set.
 */
final class OpsServerOptions {

    private OpsServerOptions() {}

    static HttpServerOptions of(AlertingConfig config) {
        OpsLimits limits = config.limits();
        HttpServerOptions options = new HttpServerOptions()
                .setIdleTimeout((int) limits.idleTimeout().toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setHttp2ClearTextEnabled(false)
                .setCompressionSupported(true)
                .setSslHandshakeTimeout(limits.requestReadTimeout().toMillis()).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        config.tls().ifPresent(pem -> options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(pem.certificate().toString()).setKeyPath(pem.privateKey().toString())));
        return options;
    }
}
