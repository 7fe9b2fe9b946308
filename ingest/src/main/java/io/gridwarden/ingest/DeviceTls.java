package io.gridwarden.ingest;

import io.gridwarden.common.tls.PemFiles;
import io.vertx.core.net.PemKeyCertOptions;

/** The device endpoints' TLS identity, as Vert.x servers take it, from the PEM files given at start. */
final class DeviceTls {

    private DeviceTls() {}

    static PemKeyCertOptions keyCert(PemFiles pem) {
        return new PemKeyCertOptions().setCertPath(pem.certificate().toString()).setKeyPath(pem.privateKey().toString());
    }
}
