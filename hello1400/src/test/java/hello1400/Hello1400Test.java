package hello1400;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Hello1400Test {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Hello1400 app;

    @BeforeEach
    void start() throws IOException {
        app = Hello1400.start(0);
    }

    @AfterEach
    void stop() {
        app.stop(0);
    }

    @ParameterizedTest
    @CsvSource({"GET,/", "GET,/any/path?x=1", "POST,/users", "DELETE,/", "PUT,/x"})
    void answersHelloWorldToAnyPathAndMethod(String method, String path) throws Exception {
        HttpResponse<String> response = send(method, path);

        assertEquals(200, response.statusCode());
        assertEquals("hello world\n", response.body());
        assertEquals("text/plain; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void answersKeepAliveRequestsWithoutTheDelayedAckStall() throws IOException {
        // With Nagle on, each answer waits for the client's delayed ACK: about 40 ms, so 50 would take 2 s.
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] request = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            long started = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                out.write(request);
                out.flush();
                readResponse(in);
            }
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertTrue(millis < 1_000, "50 keep-alive requests took " + millis + " ms: the server writes with Nagle on");
        }
    }

    private static void readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        Matcher length = Pattern.compile("(?im)^content-length: *(\\d+)").matcher(head);
        assertTrue(head.startsWith("HTTP/1.1 200") && length.find(), head);
        assertEquals("hello world\n", new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void answersHeadWithoutBody() throws Exception {
        HttpResponse<String> response = send("HEAD", "/");

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void readsPortFromEnvironmentValue() {
        assertEquals(1400, Hello1400.port(null));
        assertEquals(1400, Hello1400.port(" "));
        assertEquals(8080, Hello1400.port("8080"));
    }

    @Test
    void rejectsMalformedPort() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hello1400.port("http"));
        assertEquals("PORT must be a number, got http", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Hello1400.port("70000"));
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(5))
                .method(method, method.equals("POST") || method.equals("PUT")
                        ? HttpRequest.BodyPublishers.ofString("{\"a\":1}")
                        : HttpRequest.BodyPublishers.noBody())
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
