package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwarden.common.json.Json;
import io.gridwarden.testsupport.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code gridwarden replay} run as a user runs it, in a JVM of its own, against the data directory of a
 * gridwarden that is running: the demo town with cam-0001's grace period at 60 s instead of 30 s.
 */
final class WhatIfCli {

    private WhatIfCli() {}

    /** The demo town file with cam-0001's parking zone's grace period at {@code grace} (e.g. {@code 60s}). */
    static Path demoTownWithGrace(Path dir, String grace) throws IOException {
        String demo;
        try (InputStream in = WhatIfCli.class.getClassLoader().getResourceAsStream("towns/demo-town.yaml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int camera = demo.indexOf("- id: cam-0001");
        int zone = demo.indexOf("grace: 30s", camera);
        assertThat(camera).as("cam-0001 in the demo town").isPositive();
        String candidate = demo.substring(0, zone) + "grace: " + grace + demo.substring(zone + "grace: 30s".length());
        return Files.writeString(dir.resolve("candidate-town.yaml"), candidate);
    }

    /** Runs the what-if over the last {@code last} with the candidate town; returns the JSON report (the chart goes to {@code chart}). */
    static JsonNode run(Path dataDir, Path town, String last, Path chart, Path output) throws Exception {
        List<String> command = ChildJvm.javaCommand();
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "replay", "--data-dir", dataDir.toString(),
                "--town", town.toString(), "--last", last, "--json", "--chart", chart.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("replay finished").isTrue();
        assertThat(process.exitValue()).as("replay's exit code; see " + output).isZero();
        String text = new String(stdout, StandardCharsets.UTF_8);
        return Json.mapper().readTree(text.substring(text.indexOf('{')));
    }
}
