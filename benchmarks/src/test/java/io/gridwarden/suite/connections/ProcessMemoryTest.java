package io.gridwarden.suite.connections;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void shouldReadUsedAndCommittedHeapFromG1HeapInfo() {
        String g1 = """
                12345:
                 garbage-first heap   total 262144K, used 20310K [0x00000000c0000000, 0x0000000100000000)
                  region size 1024K, 2 young (2048K), 0 survivors (0K)
                """;

        assertThat(ProcessMemory.heapUsed(g1)).containsExactly(20310L * 1024, 262144L * 1024);
    }

    @Test
    void shouldReportAnUnreadableHeapAsMinusOne() {
        assertThat(ProcessMemory.heapUsed("12345:\nCould not attach")).containsExactly(-1L, -1L);
    }

    @Test
    void shouldReadThisProcessesOpenFilesAndItsLimit() {
        long self = ProcessHandle.current().pid();

        assertThat(ProcessMemory.openFiles(self)).isPositive();
        assertThat(ProcessMemory.openFilesLimit(self)).isGreaterThanOrEqualTo(ProcessMemory.openFiles(self));
        assertThat(ProcessMemory.residentBytes(self)).isPositive();
    }

    @Test
    void shouldSayMinusOneForAProcessThatIsGone() {
        assertThat(ProcessMemory.residentBytes(Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(ProcessMemory.openFilesLimit(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
