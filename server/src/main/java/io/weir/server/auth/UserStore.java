package io.weir.server.auth;

import io.weir.server.pgwire.PgAuthenticator;
import io.weir.server.pgwire.ScramSha256;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The users of a server, each with the SCRAM-SHA-256 verifier of its password (never the password),
 * kept in {@code <data-dir>/users.properties} and written atomically on every change. With
 * {@code scram} authentication a client must prove one of these passwords; with {@code trust}
 * (the loopback default) the users are kept but not asked for. Thread-safe.
 */
public final class UserStore implements PgAuthenticator {
    private final Path file;
    private final boolean scram;
    // @GuardedBy("this")
    private final Properties users = new Properties();

    public UserStore(Path dataDir, boolean scram) {
        this.file = dataDir.resolve("users.properties");
        this.scram = scram;
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                users.load(in);
            } catch (IOException e) {
                throw new WeirException(ErrorCode.IO_ERROR, "Cannot read the users in " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean passwordRequired() {
        return scram;
    }

    @Override
    public synchronized Optional<ScramSha256.Verifier> verifier(String user) {
        String verifier = users.getProperty(user);
        return verifier == null ? Optional.empty() : Optional.of(ScramSha256.Verifier.decode(verifier));
    }

    /** CREATE USER; fails when the user exists. */
    public synchronized void create(String user, String password) {
        if (users.containsKey(user)) {
            throw new WeirException(ErrorCode.DUPLICATE_OBJECT, "role \"" + user + "\" already exists");
        }
        setPassword(user, password);
    }

    /** ALTER USER … PASSWORD; fails when the user does not exist. */
    public synchronized void alter(String user, String password) {
        if (!users.containsKey(user)) {
            throw new WeirException(ErrorCode.UNDEFINED_OBJECT, "role \"" + user + "\" does not exist");
        }
        setPassword(user, password);
    }

    /** DROP USER; returns whether the user existed. */
    public synchronized boolean drop(String user) {
        if (users.remove(user) == null) {
            return false;
        }
        save();
        return true;
    }

    private void setPassword(String user, String password) {
        if (password == null || password.isEmpty()) {
            throw new WeirException(ErrorCode.INVALID_PARAMETER_VALUE, "a user's password must not be empty");
        }
        users.setProperty(user, ScramSha256.verifier(password).encode());
        save();
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(".users.properties.tmp");
            try (Writer out = Files.newBufferedWriter(temp)) {
                users.store(out, "Weir users: SCRAM-SHA-256 verifiers, never passwords");
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot save the users in " + file + ": " + e.getMessage(), e);
        }
    }
}
