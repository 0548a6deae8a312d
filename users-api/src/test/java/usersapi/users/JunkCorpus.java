package usersapi.users;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Generates the malformed requests of src/test/resources/junk/corpus.jsonl, which JunkInputTest and
 * ci/junk-corpus.sh both read: one JSON object a line, {@code name}, {@code method}, {@code path}, and optionally
 * {@code contentType}, {@code body} (strings and {@code {"repeat":s,"times":n}} runs, concatenated) or {@code base64}
 * (raw bytes). Its ids are zero, negative, beyond a long or not plain digits: none may touch an existing row.
 */
final class JunkCorpus {

    static final String RESOURCE = "junk/corpus.jsonl";
    static final String JSON = "application/json";

    private static final String VALID_NAME = "\"name\":\"Junk\"";
    private static final String VALID_EMAIL = "\"email\":\"junk@example.com\"";

    private final List<String> lines = new ArrayList<>();

    private JunkCorpus() {
    }

    static List<String> generate() {
        JunkCorpus corpus = new JunkCorpus();
        corpus.wrongTypesAndMissingFields();
        corpus.invalidJson();
        corpus.oversizedAndNested();
        corpus.invalidUtf8AndNul();
        corpus.contentTypes();
        corpus.duplicateKeys();
        corpus.methods();
        corpus.ids();
        corpus.paging();
        return corpus.lines;
    }

    private void wrongTypesAndMissingFields() {
        List<String> values = List.of("5", "-1", "1.5", "1e400", "true", "false", "null", "[]", "{}", "[\"Junk\"]",
                "{\"a\":\"b\"}", "\"\"", "\"   \"", "\"\\t\\n\"");
        for (String value : values) {
            post("wrong-type/name/" + value, "{\"name\":" + value + "," + VALID_EMAIL + "}");
            post("wrong-type/email/" + value, "{" + VALID_NAME + ",\"email\":" + value + "}");
        }
        for (String body : List.of("{}", "{" + VALID_NAME + "}", "{" + VALID_EMAIL + "}", "{\"Name\":\"Junk\"," + VALID_EMAIL + "}",
                "{" + VALID_NAME + ",\"e-mail\":\"junk@example.com\"}", "{\"user\":{" + VALID_NAME + "," + VALID_EMAIL + "}}",
                "[{" + VALID_NAME + "," + VALID_EMAIL + "}]", "{" + VALID_NAME + ",\"email\":\"junk\"}",
                "{" + VALID_NAME + ",\"email\":\"@example.com\"}", "{" + VALID_NAME + ",\"email\":\"junk@\"}",
                "{" + VALID_NAME + ",\"email\":\"junk@@example.com\"}", "{" + VALID_NAME + ",\"email\":\"junk example@example.com\"}")) {
            post("missing-or-malformed-field/" + body, body);
        }
    }

    private void invalidJson() {
        for (String body : List.of("", " ", "{", "}", "[", "{\"name\":", "{\"name\":\"Junk\"", "{\"name\":\"Junk\",}",
                "{" + VALID_NAME + "," + VALID_EMAIL + ",}", "{'name':'Junk','email':'junk@example.com'}",
                "{name:\"Junk\",email:\"junk@example.com\"}", "{" + VALID_NAME + "," + VALID_EMAIL + "}}",
                "{" + VALID_NAME + "," + VALID_EMAIL + "}{}", "{" + VALID_NAME + "," + VALID_EMAIL + "} x",
                "{" + VALID_NAME + "," + VALID_EMAIL + "}[1]", "{/*c*/" + VALID_NAME + "," + VALID_EMAIL + "}",
                "{" + VALID_NAME + "," + VALID_EMAIL + "//c\n}", "{\"name\":NaN," + VALID_EMAIL + "}",
                "{\"name\":\"Junk\\x41\"," + VALID_EMAIL + "}", "{\"name\":\"Junk\\u12\"," + VALID_EMAIL + "}",
                "5", "\"Junk\"", "true", "null", "[1,2]", "[]", "name=Junk&email=junk@example.com")) {
            post("invalid-json/" + body, body);
        }
    }

    private void oversizedAndNested() {
        post("oversized/name-101", "{\"name\":\"" + "x".repeat(101) + "\"," + VALID_EMAIL + "}");
        post("oversized/email-255", "{" + VALID_NAME + ",\"email\":\"" + "x".repeat(243) + "@example.com\"}");
        lines.add(entry("oversized/name-60KiB", "POST", "/users", JSON,
                List.of("{\"name\":\"", repeat("x", 60 * 1024), "\"," + VALID_EMAIL + "}"), null));
        lines.add(entry("oversized/body-70KiB", "POST", "/users", JSON,
                List.of("{\"name\":\"", repeat("x", 70 * 1024), "\"," + VALID_EMAIL + "}"), null));
        lines.add(entry("oversized/body-256KiB-of-spaces", "POST", "/users", JSON,
                List.of("{" + VALID_NAME + "," + VALID_EMAIL, repeat(" ", 256 * 1024), "}"), null));
        lines.add(entry("oversized/many-fields", "POST", "/users", JSON,
                List.of("{", repeat("\"f\":1,", 10_000), VALID_NAME + "," + VALID_EMAIL + "}"), null));
        for (int depth : List.of(2000, 20_000)) {
            lines.add(entry("nested/arrays-" + depth, "POST", "/users", JSON, List.of(repeat("[", depth), repeat("]", depth)), null));
            lines.add(entry("nested/objects-in-name-" + depth, "POST", "/users", JSON,
                    List.of("{\"name\":", repeat("{\"a\":", depth), "1", repeat("}", depth), "," + VALID_EMAIL + "}"), null));
        }
        lines.add(entry("nested/arrays-over-64KiB", "POST", "/users", JSON, List.of(repeat("[", 40_000), repeat("]", 40_000)), null));
    }

    private void invalidUtf8AndNul() {
        List<byte[]> sequences = List.of(bytes(0xC3, 0x28), bytes(0xFF, 0xFE), bytes(0xC0, 0xAF), bytes(0xED, 0xA0, 0x80),
                bytes(0xE2, 0x82), bytes(0xF8, 0x88, 0x80, 0x80, 0x80), bytes(0x80));
        for (int i = 0; i < sequences.size(); i++) {
            byte[] bad = sequences.get(i);
            raw("invalid-utf8/name/" + i, concat("{\"name\":\"Ju", bad, "nk\"," + VALID_EMAIL + "}"));
            raw("invalid-utf8/email/" + i, concat("{" + VALID_NAME + ",\"email\":\"ju", bad, "nk@example.com\"}"));
        }
        raw("nul/raw-in-name", concat("{\"name\":\"Ju", bytes(0), "nk\"," + VALID_EMAIL + "}"));
        raw("nul/raw-before-body", concat("", bytes(0), "{" + VALID_NAME + "," + VALID_EMAIL + "}"));
        raw("nul/raw-after-body", concat("{" + VALID_NAME + "," + VALID_EMAIL + "}", bytes(0), ""));
        raw("nul/raw-only", bytes(0, 0, 0, 0));
        post("nul/escaped-in-name", "{\"name\":\"Ju\\u0000nk\"," + VALID_EMAIL + "}");
        post("nul/escaped-name-only", "{\"name\":\"\\u0000\"," + VALID_EMAIL + "}");
        post("nul/escaped-in-email", "{" + VALID_NAME + ",\"email\":\"ju\\u0000nk@example.com\"}");
        post("control/escaped-bell-in-name", "{\"name\":\"Ju\\u0007nk\"," + VALID_EMAIL + "}");
        post("control/escaped-escape-in-name", "{\"name\":\"\\u001b[31mJunk\"," + VALID_EMAIL + "}");
        post("surrogate/escaped-lone-high-in-name", "{\"name\":\"Ju\\ud800nk\"," + VALID_EMAIL + "}");
        post("surrogate/escaped-lone-low-in-name", "{\"name\":\"Ju\\udc00nk\"," + VALID_EMAIL + "}");
        post("surrogate/escaped-lone-in-email", "{" + VALID_NAME + ",\"email\":\"ju\\ud800nk@example.com\"}");
    }

    private void contentTypes() {
        String body = "{" + VALID_NAME + "," + VALID_EMAIL + "}";
        lines.add(entry("content-type/missing", "POST", "/users", null, List.of(body), null));
        for (String type : List.of("text/plain", "text/html", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=junk", "application/octet-stream", "image/png", "application/javascript",
                "application/jsonx", "json", "application", "application/", "/json", ";;", "*/*", "application/*")) {
            lines.add(entry("content-type/" + type, "POST", "/users", type, List.of(body), null));
        }
        lines.add(entry("content-type/form-body-declared-json", "POST", "/users", JSON,
                List.of("name=Junk&email=junk%40example.com"), null));
    }

    private void duplicateKeys() {
        post("duplicate-keys/name", "{\"name\":\"Junk\",\"name\":\"Other\"," + VALID_EMAIL + "}");
        post("duplicate-keys/email", "{" + VALID_NAME + ",\"email\":\"junk@example.com\",\"email\":\"other@example.com\"}");
        post("duplicate-keys/name-null-first", "{\"name\":null,\"name\":\"Junk\"," + VALID_EMAIL + "}");
        post("duplicate-keys/email-invalid-first", "{" + VALID_NAME + ",\"email\":\"junk\",\"email\":\"junk@example.com\"}");
        post("duplicate-keys/same-value", "{" + VALID_NAME + "," + VALID_NAME + "," + VALID_EMAIL + "}");
    }

    private void methods() {
        for (String path : List.of("/users", "/users/1", "/users/abc")) {
            for (String method : List.of("PUT", "PATCH", "TRACE", "PROPFIND", "MKCOL", "LOCK", "COPY", "FOO")) {
                lines.add(entry("method/" + method + path, method, path, JSON, List.of("{" + VALID_NAME + "," + VALID_EMAIL + "}"), null));
            }
        }
        lines.add(entry("method/POST/users/1", "POST", "/users/1", JSON, List.of("{" + VALID_NAME + "," + VALID_EMAIL + "}"), null));
        lines.add(entry("method/DELETE/users", "DELETE", "/users", null, List.of(), null));
    }

    private void ids() {
        for (String id : List.of("-1", "-9223372036854775808", "-9223372036854775809", "0", "00", "-0",
                "9223372036854775807", "9223372036854775808", "99999999999999999999999", "1e3", "0x1F", "1.0", "1.5",
                "abc", "NaN", "Infinity", "true", "null", "%00", "1%00", "%C3%28", "%FF", "%20", "1%20", "+1", "1+1",
                "--1", "1%2F2", "%27%20or%201%3D1", "1%3BDROP%20TABLE%20users", "%D9%A1", "%EF%BC%91", "%E0%A5%A7",
                "9".repeat(1000))) {
            lines.add(entry("id/GET/" + abbreviate(id), "GET", "/users/" + id, null, List.of(), null));
            lines.add(entry("id/DELETE/" + abbreviate(id), "DELETE", "/users/" + id, null, List.of(), null));
        }
    }

    private void paging() {
        for (String value : List.of("-1", "-2147483648", "-2147483649", "2147483648", "99999999999999999999", "abc", "1.5",
                "1e3", "0x10", "%00", "NaN", "true", "%201", "1%20", "%D9%A1", "%EF%BC%91", "-0x1")) {
            lines.add(entry("paging/page/" + value, "GET", "/users?page=" + value, null, List.of(), null));
            lines.add(entry("paging/size/" + value, "GET", "/users?size=" + value, null, List.of(), null));
        }
        lines.add(entry("paging/size/0", "GET", "/users?size=0", null, List.of(), null));
        lines.add(entry("paging/both-overflow", "GET", "/users?page=2147483648&size=2147483648", null, List.of(), null));
    }

    private void post(String name, String body) {
        lines.add(entry(name, "POST", "/users", JSON, List.of(body), null));
    }

    private void raw(String name, byte[] body) {
        lines.add(entry(name, "POST", "/users", JSON, List.of(), body));
    }

    private static Repeat repeat(String text, int times) {
        return new Repeat(text, times);
    }

    record Repeat(String text, int times) {
    }

    private static String entry(String name, String method, String path, String contentType, List<Object> body, byte[] raw) {
        StringBuilder line = new StringBuilder("{\"name\":").append(quote(name))
                .append(",\"method\":").append(quote(method)).append(",\"path\":").append(quote(path));
        if (contentType != null) {
            line.append(",\"contentType\":").append(quote(contentType));
        }
        if (!body.isEmpty()) {
            List<String> segments = body.stream().map(segment -> segment instanceof Repeat r
                    ? "{\"repeat\":" + quote(r.text()) + ",\"times\":" + r.times() + "}" : quote((String) segment)).toList();
            line.append(",\"body\":[").append(String.join(",", segments)).append(']');
        }
        if (raw != null) {
            line.append(",\"base64\":").append(quote(Base64.getEncoder().encodeToString(raw)));
        }
        return line.append('}').toString();
    }

    /** JSON string, ASCII only, so the file reads the same to every tool. */
    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> quoted.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return quoted.append('"').toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 20) + "...(" + text.length() + " chars)";
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }
}
