package hellochain.calls;

/** Where the caller notes each call to its upstream: a database table when DATABASE_HOST is set, nowhere otherwise. */
public interface CallLog {

    void record(String upstream, int status, long latencyMs);
}
