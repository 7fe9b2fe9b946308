package io.gridwarden.alerting.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvidenceLinksTest {

    @Test
    void shouldAcceptAbsoluteHttpAndHttpsUrls() {
        assertThat(EvidenceLinks.isSafe("http://cam-0001.local/snap/1.jpg")).isTrue();
        assertThat(EvidenceLinks.isSafe("HTTPS://evidence.example.cn:8443/a/b.jpg?t=1")).isTrue();
    }

    @Test
    void shouldRefuseEveryOtherKindOfUrl() {
        for (String url : new String[] {"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "file:///etc/passwd", "//evil.example/x.jpg",
                "/snap/1.jpg", "snap.jpg", "http:/no-host", "http://user:pass@evil.example/", "http://a b/", "", "http://x/" + "a".repeat(3000)}) {
            assertThat(EvidenceLinks.isSafe(url)).as(url).isFalse();
        }
        assertThat(EvidenceLinks.isSafe(null)).isFalse();
    }
}
