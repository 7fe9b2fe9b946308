package io.gridwarden.alerting.town;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.alerting.town.TownLedger.Applied;
import io.gridwarden.alerting.town.TownLedger.Claim;
import io.gridwarden.alerting.town.TownLedger.UnreadableRecord;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TownLedgerTest {

    private final TownLedger ledger = new TownLedger();

    @Test
    void shouldGiveANumberToItsFirstClaimOnly() throws Exception {
        ledger.accept(TownLedger.encode(claim(1, "sha-a", "n-a")));
        ledger.accept(TownLedger.encode(claim(1, "sha-b", "n-b")));

        assertThat(ledger.winner(1)).map(Claim::nonce).contains("n-a");
        assertThat(ledger.accept(TownLedger.encode(applied(1, "sha-b", "town b")))).as("the loser's file under the number").isEmpty();
        assertThat(ledger.accept(TownLedger.encode(applied(1, "sha-a", "town a")))).map(Applied::text).contains("town a");
        assertThat(ledger.latest()).map(Applied::text).contains("town a");
    }

    @Test
    void shouldSkipAClaimNeverAppliedAndNumberPastIt() throws Exception {
        ledger.accept(TownLedger.encode(claim(1, "sha-a", "n-a")));
        ledger.accept(TownLedger.encode(applied(1, "sha-a", "town a")));
        ledger.accept(TownLedger.encode(claim(2, "sha-b", "n-b"))); // its instance died before the event log took it

        assertThat(ledger.next()).isEqualTo(3);
        assertThat(ledger.latest()).map(Applied::version).contains(1L);
        assertThat(ledger.versions()).extracting(Applied::version).containsExactly(1L);
    }

    @Test
    void shouldPutTheHighestAppliedVersionInForceWhateverTheOrderOfReading() throws Exception {
        for (long n = 1; n <= 3; n++) {
            ledger.accept(TownLedger.encode(claim(n, "sha-" + n, "n-" + n)));
        }
        ledger.accept(TownLedger.encode(applied(3, "sha-3", "three")));
        ledger.accept(TownLedger.encode(applied(1, "sha-1", "one")));

        assertThat(ledger.latest()).map(Applied::text).contains("three");
        assertThat(ledger.versions()).extracting(Applied::version).containsExactly(1L, 3L);
        assertThat(ledger.next()).isEqualTo(4);
    }

    @Test
    void shouldIgnoreAnAppliedVersionWithoutAnyClaim() throws Exception {
        assertThat(ledger.accept(TownLedger.encode(applied(5, "sha", "text")))).isEmpty();
        assertThat(ledger.latest()).isEmpty();
        assertThat(ledger.next()).as("its number is not reused").isEqualTo(6);
    }

    @Test
    void shouldChangeNothingWhenARecordIsReadTwice() throws Exception {
        byte[] claim = TownLedger.encode(claim(1, "sha-a", "n-a"));
        byte[] applied = TownLedger.encode(applied(1, "sha-a", "town a"));
        for (byte[] record : new byte[][] {claim, applied, claim, applied}) {
            ledger.accept(record);
        }
        assertThat(ledger.versions()).hasSize(1);
        assertThat(ledger.next()).isEqualTo(2);
    }

    @Test
    void shouldSkipAnOversizedRecordUnread() {
        byte[] huge = TownLedger.encode(applied(1, "sha-a", "x".repeat(TownLedger.MAX_RECORD_BYTES)));

        assertThatThrownBy(() -> ledger.accept(huge)).isInstanceOfSatisfying(UnreadableRecord.class,
                e -> assertThat(e.reason()).isEqualTo(UnreadableRecord.Reason.OVERSIZED));
        assertThat(ledger.next()).isEqualTo(1);
    }

    @Test
    void shouldSkipUndecodableRecords() {
        for (String bad : new String[] {"not json", "[1,2]", "{\"type\":\"claim\",\"version\":2}", "{\"type\":\"vote\",\"version\":1}",
                "{\"type\":\"applied\",\"version\":1,\"meta\":{\"version\":2,\"sha256\":\"s\"},\"text\":\"t\"}",
                "{\"type\":\"claim\",\"version\":\"x\",\"sha256\":\"s\",\"instance\":\"i\",\"nonce\":\"n\"}",
                "{\"type\":\"claim\",\"version\":0,\"sha256\":\"s\",\"instance\":\"i\",\"nonce\":\"n\"}"}) {
            assertThatThrownBy(() -> ledger.accept(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOfSatisfying(UnreadableRecord.class, e -> assertThat(e.reason()).isEqualTo(UnreadableRecord.Reason.UNDECODABLE));
        }
        assertThat(ledger.next()).isEqualTo(1);
        assertThat(ledger.latest()).isEmpty();
    }

    @Test
    void shouldDecodeWhatItEncodes() throws Exception {
        Claim claim = claim(7, "sha-7", "n-7");
        ledger.accept(TownLedger.encode(claim));
        Applied applied = applied(7, "sha-7", "名字: 和村\n");

        assertThat(ledger.winner(7)).contains(claim);
        assertThat(ledger.accept(TownLedger.encode(applied))).contains(applied);
    }

    private static Claim claim(long n, String sha, String nonce) {
        return new Claim(n, sha, "alerting-a", nonce);
    }

    private static Applied applied(long n, String sha, String text) {
        return new Applied(n, new JsonObject().put("version", n).put("sha256", sha).put("author", "adm-01"), text);
    }
}
