package auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** POST /auth/login as any client sends it, answered with whatever status it got. */
public final class LoginRequests {

    private LoginRequests() {
    }

    public static HttpResponse<String> login(HttpClient client, String username, String password) {
        return login(client, username, password, null);
    }

    /** With an X-Forwarded-For header, as a proxy (or a client pretending to be one) sends it. */
    public static HttpResponse<String> login(HttpClient client, String username, String password, String forwardedFor) {
        MutableHttpRequest<?> request = HttpRequest.POST("/auth/login", Map.of("username", username, "password", password));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            return client.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> response = (HttpResponse<String>) e.getResponse();
            return response;
        }
    }

    public static String body(HttpResponse<?> response) {
        return response.getBody(String.class).orElse("");
    }

    /** The access token of a login that must succeed. */
    public static String token(HttpClient client, JsonMapper json, String username, String password) {
        HttpResponse<String> response = login(client, username, password);
        if (response.code() != 200) {
            throw new AssertionError("login of " + username + " answered " + response.code() + ": " + body(response));
        }
        try {
            return String.valueOf(json.readValue(body(response), Map.class).get("access_token"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
