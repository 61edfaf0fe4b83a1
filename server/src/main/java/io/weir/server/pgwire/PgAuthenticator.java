package io.weir.server.pgwire;

import java.util.Optional;

/**
 * How pgwire authenticates: trust (anyone, as PostgreSQL's {@code trust} on loopback) or
 * SCRAM-SHA-256 against stored verifiers. Thread-safe.
 */
public interface PgAuthenticator {
    /** Trust: no password asked. */
    PgAuthenticator TRUST = new PgAuthenticator() {
        @Override
        public boolean passwordRequired() {
            return false;
        }

        @Override
        public Optional<ScramSha256.Verifier> verifier(String user) {
            return Optional.empty();
        }
    };

    boolean passwordRequired();

    /** The SCRAM verifier of {@code user}; empty for a user without a password (who then cannot log in). */
    Optional<ScramSha256.Verifier> verifier(String user);
}
