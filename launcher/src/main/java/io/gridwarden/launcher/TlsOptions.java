package io.gridwarden.launcher;

import io.gridwarden.common.tls.PemFiles;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** A server's TLS identity from the command line: both PEM files or neither (plain text). A picocli mixin. */
final class TlsOptions {

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate (chain) the operations API serves HTTPS with"
            + " (then HTTPS only). Needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert (PKCS#8 or PKCS#1, unencrypted).")
    Path tlsKey;

    /** The identity; null for plain text. */
    PemFiles identity() {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both --tls-cert and --tls-key, got only " + (tlsCert == null ? "--tls-key" : "--tls-cert"));
        }
        return tlsCert == null ? null : new PemFiles(tlsCert, tlsKey);
    }
}
