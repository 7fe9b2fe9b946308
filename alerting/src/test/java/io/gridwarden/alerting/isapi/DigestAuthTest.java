package io.gridwarden.alerting.isapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7616 §3.9.1's worked example, for both its algorithms. */
class DigestAuthTest {

    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static String challenge(String algorithm) {
        return "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=" + algorithm
                + ", nonce=\"" + NONCE + "\", opaque=\"" + OPAQUE + "\"";
    }

    @Test
    void shouldAnswerTheRfcExampleWithMd5() {
        DigestAuth.Challenge c = DigestAuth.strongest(List.of(challenge("MD5"))).orElseThrow();
        String header = DigestAuth.authorization(c, "Mufasa", "Circle of Life", "GET", "/dir/index.html", 1, CNONCE);

        assertThat(header).contains("response=\"8ca523f5e9506fed4657c9700eebdbec\"").contains("nc=00000001").contains("qop=auth")
                .contains("opaque=\"" + OPAQUE + "\"");
    }

    @Test
    void shouldAnswerTheRfcExampleWithSha256AndPreferItOverMd5() {
        DigestAuth.Challenge c = DigestAuth.strongest(List.of(challenge("MD5"), challenge("SHA-256"))).orElseThrow();
        String header = DigestAuth.authorization(c, "Mufasa", "Circle of Life", "GET", "/dir/index.html", 1, CNONCE);

        assertThat(c.algorithm()).isEqualTo("SHA-256");
        assertThat(header).contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"");
    }

    @Test
    void shouldAnswerAChallengeWithoutQopTheRfc2069Way() {
        DigestAuth.Challenge c = DigestAuth.strongest(List.of("Digest realm=\"r\", nonce=\"n\"")).orElseThrow();
        String header = DigestAuth.authorization(c, "u", "p", "PUT", "/x", 1, "c");

        String expected = DigestAuth.hash("MD5", DigestAuth.hash("MD5", "u:r:p") + ":n:" + DigestAuth.hash("MD5", "PUT:/x"));
        assertThat(header).contains("response=\"" + expected + "\"").doesNotContain("qop").doesNotContain("cnonce");
    }

    @Test
    void shouldNotAnswerBasicOrUnknownAlgorithmsOrAuthIntOnly() {
        assertThat(DigestAuth.strongest(List.of("Basic realm=\"x\"", "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256",
                "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\""))).isEmpty();
    }
}
