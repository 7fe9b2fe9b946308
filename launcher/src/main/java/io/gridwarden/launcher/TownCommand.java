package io.gridwarden.launcher;

import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFileException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridwarden town}: check a town file offline, and change a running gridwarden's town file without a restart
 * through its operations API (admins only; docs/town-changes.md).
 */
@Command(name = "town", mixinStandardHelpOptions = true,
        description = "Check a town file, and change a running gridwarden's town file without a restart (docs/town-changes.md).",
        subcommands = {TownCommand.Check.class, TownCommand.Submit.class, TownCommand.Versions.class, TownCommand.Rollback.class})
final class TownCommand {

    /** Exit codes: 0 done, 1 the town file is invalid (every problem printed), 2 the request failed. */
    static final int INVALID = 1;
    static final int FAILED = 2;

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Checks a town file whole, offline; prints every problem.",
            exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:valid", "1:invalid (every problem printed)"})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "The town file (YAML).")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                Town town = Town.load(file.toString());
                out.println("valid: " + town);
                return 0;
            } catch (TownFileException e) {
                e.problems().forEach(p -> spec.commandLine().getErr().println(p));
                spec.commandLine().getErr().println(e.problems().size() + " problem(s) in " + file);
                return INVALID;
            }
        }
    }

    /** Where the operations API is and the admin token to call it with. */
    static final class Api {
        @Option(names = "--url", defaultValue = "http://127.0.0.1:" + EmbeddedSettings.DEFAULT_OPS_PORT,
                description = "The operations API's base URL. Default: ${DEFAULT-VALUE}")
        String url;
        @Option(names = "--token", defaultValue = "${env:GRIDWARDEN_TOKEN}",
                description = "An admin's operator token (default: the GRIDWARDEN_TOKEN environment variable, which keeps it out of ps).")
        String token;

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token);
        }

        /** Sends it; prints the body (to stderr unless 2xx); 0 on 2xx, 1 on 422 (an invalid town), else 2. */
        int send(CommandSpec spec, java.util.function.Supplier<HttpRequest> request) {
            if (token == null || token.isBlank()) {
                spec.commandLine().getErr().println("give an admin's operator token with --token or the GRIDWARDEN_TOKEN environment variable");
                return FAILED;
            }
            try {
                HttpResponse<String> reply = HttpClient.newHttpClient().send(request.get(), HttpResponse.BodyHandlers.ofString());
                boolean ok = reply.statusCode() / 100 == 2;
                (ok ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(reply.body());
                return ok ? 0 : reply.statusCode() == 422 ? INVALID : FAILED;
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println("cannot reach " + url + ": " + e.getMessage());
                return FAILED;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FAILED;
            }
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Submits a new version of the town file to a running gridwarden; it applies from now on, without a restart.",
            exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:applied (the new version is printed)",
                "1:refused as invalid (every problem printed)", "2:refused otherwise, or gridwarden could not be reached"})
    static final class Submit implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Api api;
        @Parameters(paramLabel = "FILE", description = "The new town file (YAML, at most 1 MiB).")
        Path file;

        @Override
        public Integer call() throws Exception {
            byte[] yaml = Files.readAllBytes(file);
            return api.send(spec, () -> api.request("/v1/town/versions").header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(yaml)).build());
        }
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, description = "Lists the town file's versions: who, when, what changed.")
    static final class Versions implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Api api;

        @Override
        public Integer call() {
            return api.send(spec, () -> api.request("/v1/town/versions").GET().build());
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Applies an earlier version again, as a new version (0: the town file gridwarden started with).")
    static final class Rollback implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Api api;
        @Parameters(paramLabel = "N", description = "The version to go back to (see town versions).")
        long version;

        @Override
        public Integer call() {
            return api.send(spec, () -> api.request("/v1/town/versions/" + version + "/rollback")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
        }
    }
}
