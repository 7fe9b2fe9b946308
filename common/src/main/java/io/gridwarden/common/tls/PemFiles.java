package io.gridwarden.common.tls;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server's TLS identity as PEM files given at start: its certificate chain and its private key (PKCS#8
 * or PKCS#1, unencrypted), e.g. made with
 * {@code openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 365 -subj /CN=gridwarden}.
 * Every endpoint that serves TLS takes one of these; the files are checked here, once, so a typo is a
 * clear message at start rather than a handshake failure later.
 */
public record PemFiles(Path certificate, Path privateKey) {

    public PemFiles {
        requireReadable("certificate", certificate);
        requireReadable("private key", privateKey);
    }

    private static void requireReadable(String what, Path file) {
        if (file == null) {
            throw new IllegalArgumentException("TLS needs a " + what + " file (PEM)");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("TLS " + what + " " + file.toAbsolutePath()
                    + " is not a readable file: give the path of a PEM file");
        }
    }
}
