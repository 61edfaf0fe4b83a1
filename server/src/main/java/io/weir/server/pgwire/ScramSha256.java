package io.weir.server.pgwire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL uses it: verifiers in PostgreSQL's text form
 * ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}), and the server's side of
 * one exchange, which never sees the password. Channel binding is not offered.
 */
public final class ScramSha256 {
    public static final String MECHANISM = "SCRAM-SHA-256";
    private static final int ITERATIONS = 4096;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScramSha256() {
    }

    /** A stored verifier: what the server keeps of a password. */
    public record Verifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
        /** PostgreSQL's text form, as {@code pg_authid.rolpassword} shows it. */
        public String encode() {
            Base64.Encoder b64 = Base64.getEncoder();
            return MECHANISM + "$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                    + ":" + b64.encodeToString(serverKey);
        }

        public static Verifier decode(String text) {
            String[] parts = text.split("[$:]");
            if (parts.length != 5 || !parts[0].equals(MECHANISM)) {
                throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
            }
            Base64.Decoder b64 = Base64.getDecoder();
            return new Verifier(Integer.parseInt(parts[1]), b64.decode(parts[2]), b64.decode(parts[3]),
                    b64.decode(parts[4]));
        }
    }

    /** The verifier of {@code password} with a fresh random salt. */
    public static Verifier verifier(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] salted = pbkdf2(password, salt, ITERATIONS);
        return new Verifier(ITERATIONS, salt, sha256(hmac(salted, "Client Key")), hmac(salted, "Server Key"));
    }

    /**
     * One exchange, server side: {@link #serverFirst} answers the client-first-message,
     * {@link #serverFinal} checks the client-final-message's proof.
     */
    public static final class Exchange {
        private final Verifier verifier;
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;

        /** {@code verifier} of the user; for an unknown user pass a made-up one, so the exchange fails only at the proof. */
        public Exchange(Verifier verifier) {
            this.verifier = verifier;
        }

        /** Answers {@code n,,n=user,r=nonce}; throws IllegalArgumentException for a malformed message. */
        public String serverFirst(String clientFirst) {
            if (!clientFirst.startsWith("n,") && !clientFirst.startsWith("y,")) {
                throw new IllegalArgumentException("channel binding is not supported; use a client without it");
            }
            int bare = clientFirst.indexOf(',', 2);
            if (bare < 0) {
                throw new IllegalArgumentException("malformed SCRAM client-first-message");
            }
            clientFirstBare = clientFirst.substring(bare + 1);
            String clientNonce = attributes(clientFirstBare).get("r");
            if (clientNonce == null || clientNonce.isEmpty()) {
                throw new IllegalArgumentException("SCRAM client-first-message without a nonce");
            }
            byte[] random = new byte[18];
            RANDOM.nextBytes(random);
            nonce = clientNonce + Base64.getEncoder().encodeToString(random);
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(verifier.salt()) + ",i="
                    + verifier.iterations();
            return serverFirst;
        }

        /** The server-final-message ({@code v=…}) when the proof is right; null when it is not. */
        public String serverFinal(String clientFinal) {
            Map<String, String> attributes = attributes(clientFinal);
            String proof = attributes.get("p");
            int proofAt = clientFinal.lastIndexOf(",p=");
            if (proof == null || proofAt < 0 || !nonce.equals(attributes.get("r"))) {
                return null;
            }
            String authMessage = clientFirstBare + "," + serverFirst + "," + clientFinal.substring(0, proofAt);
            byte[] clientSignature = hmac(verifier.storedKey(), authMessage);
            byte[] clientProof = Base64.getDecoder().decode(proof);
            if (clientProof.length != clientSignature.length) {
                return null;
            }
            byte[] clientKey = new byte[clientProof.length];
            for (int i = 0; i < clientKey.length; i++) {
                clientKey[i] = (byte) (clientProof[i] ^ clientSignature[i]);
            }
            if (!MessageDigest.isEqual(sha256(clientKey), verifier.storedKey())) {
                return null;
            }
            return "v=" + Base64.getEncoder().encodeToString(hmac(verifier.serverKey(), authMessage));
        }
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> attributes = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                attributes.put(part.substring(0, 1), part.substring(2));
            }
        }
        return attributes;
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
