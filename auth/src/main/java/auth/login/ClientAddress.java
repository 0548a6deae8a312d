package auth.login;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address a login counts against: the TCP peer, unless that peer is a proxy named in AUTH_TRUSTED_PROXIES (the
 * gateway); then the address that proxy appended to X-Forwarded-For, read from the right, past at most
 * {@value #MAX_HOPS} trusted hops. Entries a client wrote itself, left of those, are never read.
 */
@Singleton
class ClientAddress {

    static final int MAX_HOPS = 5;
    // Literal addresses only: anything else could make InetAddress look a name up in DNS.
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Range(byte[] network, int prefix) {

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Range> trusted;

    ClientAddress(ProxySettings settings) {
        List<Range> ranges = new ArrayList<>();
        String list = settings.trusted() == null ? "" : settings.trusted();
        for (String entry : list.split(",")) {
            if (!entry.isBlank()) {
                ranges.add(range(entry.strip()));
            }
        }
        trusted = List.copyOf(ranges);
    }

    InetAddress of(HttpRequest<?> request) {
        InetAddress client = request.getRemoteAddress().getAddress();
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getAll("X-Forwarded-For")) {
            hops.addAll(Arrays.asList(header.split(",")));
        }
        for (int i = hops.size() - 1, seen = 0; isTrusted(client) && i >= 0 && seen < MAX_HOPS; i--, seen++) {
            InetAddress hop = literal(hops.get(i).strip());
            if (hop == null) {
                break;
            }
            client = hop;
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    private static Range range(String entry) {
        String[] parts = entry.split("/", 2);
        InetAddress address = literal(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("AUTH_TRUSTED_PROXIES: '" + entry + "' is not an IP address or CIDR range");
        }
        int bits = address.getAddress().length * 8;
        try {
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            if (prefix < 0 || prefix > bits) {
                throw new NumberFormatException();
            }
            return new Range(address.getAddress(), prefix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("AUTH_TRUSTED_PROXIES: '" + entry + "' has no valid prefix length");
        }
    }

    private static InetAddress literal(String text) {
        if (!LITERAL.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
