package io.weir.server.pgwire;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live connections of one {@link PgServer} by process id, with the secret key each was given
 * in BackendKeyData, so that a CancelRequest (which arrives on a new connection) reaches the right
 * session. Thread-safe.
 */
final class PgCancelRegistry {
    // sessions open now, and how many may be (PostgreSQL's max_connections)
    private final java.util.concurrent.atomic.AtomicInteger openSessions = new java.util.concurrent.atomic.AtomicInteger();
    private volatile int maxSessions = Integer.MAX_VALUE;

    void setMaxSessions(int max) {
        this.maxSessions = max;
    }

    /** Takes a place for a new session; false when {@code max_connections} sessions are open already. */
    boolean tryOpenSession() {
        if (openSessions.incrementAndGet() > maxSessions) {
            openSessions.decrementAndGet();
            return false;
        }
        return true;
    }

    void sessionClosed() {
        openSessions.decrementAndGet();
    }

    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger nextProcessId = new AtomicInteger(1);
    private final ConcurrentMap<Integer, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(int secretKey, Runnable cancel) {
    }

    int nextProcessId() {
        return nextProcessId.getAndUpdate(id -> id == Integer.MAX_VALUE ? 1 : id + 1);
    }

    int newSecretKey() {
        return random.nextInt();
    }

    void register(int processId, int secretKey, Runnable cancel) {
        entries.put(processId, new Entry(secretKey, requireNonNull(cancel, "cancel is null")));
    }

    void unregister(int processId) {
        entries.remove(processId);
    }

    /** Runs the cancel action of {@code processId} when the secret matches; returns whether it did. */
    boolean cancel(int processId, int secretKey) {
        Entry entry = entries.get(processId);
        if (entry == null || entry.secretKey() != secretKey) {
            return false;
        }
        entry.cancel().run();
        return true;
    }
}
