package io.gridwarden.testsupport;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Hikvision camera's ISAPI audio endpoints on loopback, as strict as a real one about HTTP Digest: a
 * request without a valid {@code Authorization: Digest …} (MD5, qop=auth, checked here independently of
 * gridwarden's own Digest code) is answered {@code 401} with a fresh challenge. Authorised requests are
 * recorded and answered with ISAPI's {@code ResponseStatus} JSON: OK, or, when told to refuse, 403
 * "Invalid Operation" for the play request.
 */
public final class FakeIsapiCamera implements AutoCloseable {

    /** One authorised request the camera took: method, path with query, body. */
    public record Request(String method, String uri, String body) {}

    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");
    private static final String REALM = "IP Camera(F1234)";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String user;
    private final String password;
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<String> nonces = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> challenged = new CopyOnWriteArrayList<>();
    private volatile boolean refusePlaying;

    public FakeIsapiCamera(String user, String password) throws Exception {
        this.user = user;
        this.password = password;
        this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The base URL to put in the town file's {@code isapi.address}. */
    public String address() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** From now on the play request is answered 403 Invalid Operation (notSupport), as a camera without the clip does. */
    public FakeIsapiCamera refusingToPlay() {
        refusePlaying = true;
        return this;
    }

    /** Requests that passed Digest authentication, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Paths answered 401 with a challenge (every first attempt of a well-behaved client). */
    public List<String> challenged() {
        return List.copyOf(challenged);
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            if (!authorised(request.getHeader("Authorization"), request.method().name(), request.uri())) {
                byte[] random = new byte[16];
                RANDOM.nextBytes(random);
                String nonce = HexFormat.of().formatHex(random);
                nonces.add(nonce);
                challenged.add(request.uri());
                request.response().setStatusCode(401)
                        .putHeader("WWW-Authenticate", "Digest qop=\"auth\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", stale=\"FALSE\"")
                        .end();
                return;
            }
            requests.add(new Request(request.method().name(), request.uri(), body.toString(StandardCharsets.UTF_8)));
            boolean refuse = refusePlaying && request.path().endsWith("/test");
            request.response().setStatusCode(refuse ? 403 : 200).putHeader("Content-Type", "application/json")
                    .end(refuse ? "{\"statusCode\":4,\"statusString\":\"Invalid Operation\",\"subStatusCode\":\"notSupport\",\"errorCode\":1073741825}"
                            : "{\"statusCode\":1,\"statusString\":\"OK\",\"subStatusCode\":\"ok\"}");
        });
    }

    private boolean authorised(String header, String method, String uri) {
        if (header == null || !header.startsWith("Digest ")) {
            return false;
        }
        Map<String, String> p = new java.util.HashMap<>();
        Matcher m = PARAM.matcher(header.substring(7));
        while (m.find()) {
            p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        if (!user.equals(p.get("username")) || !REALM.equals(p.get("realm")) || !nonces.contains(p.get("nonce"))
                || !uri.equals(p.get("uri")) || !"auth".equals(p.get("qop"))) {
            return false;
        }
        String ha1 = md5(user + ":" + REALM + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String expected = md5(ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        return expected.equals(p.get("response"));
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
