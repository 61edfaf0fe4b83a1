package io.weir.connector.postgrescdc;

/** PostgreSQL's text form of a WAL position, {@code X/Y} in hexadecimal, and back. Stateless. */
final class Lsn {
    private Lsn() {
    }

    static long parse(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/" + Long.toHexString(lsn & 0xffffffffL).toUpperCase();
    }
}
