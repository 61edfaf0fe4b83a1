package io.weir.server.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the bytes a client sends into {@link FrontendMessage}s.
 *
 * <p>Before the StartupMessage, messages have no type byte (length, then a request code); after
 * it, every message is a type byte, a length that counts itself, and a body. A malformed message
 * raises {@link PgProtocolException} and the decoder ignores everything after it (the handler then
 * answers 08P01 and closes the connection). One instance per connection; event loop only.
 */
public final class PgMessageDecoder extends ByteToMessageDecoder {
    /** The largest message accepted by default: 64 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 << 20;

    static final int SSL_REQUEST_CODE = 80877103;
    static final int GSSENC_REQUEST_CODE = 80877104;
    static final int CANCEL_REQUEST_CODE = 80877102;
    // PostgreSQL's MAX_STARTUP_PACKET_LENGTH
    private static final int MAX_STARTUP_LENGTH = 10_000;

    private final int maxMessageSize;
    private boolean startupDone;
    private boolean failed;

    public PgMessageDecoder(int maxMessageSize) {
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("maxMessageSize too small: " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            FrontendMessage message = startupDone ? decodeRegular(in) : decodeStartup(in);
            if (message != null) {
                out.add(message);
            }
        } catch (PgProtocolException | IndexOutOfBoundsException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e instanceof PgProtocolException protocol
                    ? protocol
                    : new PgProtocolException("malformed message: " + e.getMessage());
        }
    }

    private FrontendMessage decodeStartup(ByteBuf in) {
        if (in.readableBytes() < 4) {
            return null;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > MAX_STARTUP_LENGTH) {
            throw new PgProtocolException("invalid length of startup packet: " + length);
        }
        if (in.readableBytes() < length) {
            return null;
        }
        in.skipBytes(4);
        ByteBuf body = in.readSlice(length - 4);
        int code = body.readInt();
        if (code == SSL_REQUEST_CODE && length == 8) {
            return new FrontendMessage.SslRequest();
        }
        if (code == GSSENC_REQUEST_CODE && length == 8) {
            return new FrontendMessage.GssEncRequest();
        }
        if (code == CANCEL_REQUEST_CODE && length == 16) {
            return new FrontendMessage.CancelRequest(body.readInt(), body.readInt());
        }
        int major = code >>> 16;
        int minor = code & 0xFFFF;
        if (major != 3) {
            throw new PgProtocolException("unsupported frontend protocol " + major + "." + minor
                    + ": server supports 3.0");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        while (true) {
            String name = readCString(body);
            if (name.isEmpty()) {
                break;
            }
            parameters.put(name, readCString(body));
        }
        startupDone = true;
        return new FrontendMessage.Startup(major, minor, parameters);
    }

    private FrontendMessage decodeRegular(ByteBuf in) {
        if (in.readableBytes() < 5) {
            return null;
        }
        char type = (char) in.getUnsignedByte(in.readerIndex());
        int length = in.getInt(in.readerIndex() + 1);
        if (length < 4) {
            throw new PgProtocolException("invalid message length " + length + " for message type '"
                    + printable(type) + "'");
        }
        if (length > maxMessageSize) {
            throw new PgProtocolException("message of type '" + printable(type) + "' is " + length
                    + " bytes, more than the limit of " + maxMessageSize + " bytes");
        }
        if (!isKnownType(type)) {
            throw new PgProtocolException("invalid frontend message type " + (int) type);
        }
        if (in.readableBytes() < length + 1) {
            return null;
        }
        in.skipBytes(5);
        ByteBuf body = in.readSlice(length - 4);
        return switch (type) {
            case 'Q' -> new FrontendMessage.Query(readCString(body));
            case 'X' -> new FrontendMessage.Terminate();
            case 'S' -> new FrontendMessage.Sync();
            case 'H' -> new FrontendMessage.Flush();
            case 'd', 'c', 'f' -> new FrontendMessage.CopyMessage(type);
            case 'P' -> decodeParse(body);
            case 'B' -> decodeBind(body);
            case 'D' -> new FrontendMessage.Describe(readKind(body), readCString(body));
            case 'E' -> new FrontendMessage.Execute(readCString(body), body.readInt());
            case 'C' -> new FrontendMessage.Close(readKind(body), readCString(body));
            case 'p' -> {
                byte[] bytes = new byte[body.readableBytes()];
                body.readBytes(bytes);
                yield new FrontendMessage.Password(bytes);
            }
            default -> new FrontendMessage.Unsupported(type);
        };
    }

    private static FrontendMessage decodeParse(ByteBuf body) {
        String name = readCString(body);
        String sql = readCString(body);
        int count = body.readUnsignedShort();
        List<Integer> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types.add(body.readInt());
        }
        return new FrontendMessage.Parse(name, sql, types);
    }

    private static FrontendMessage decodeBind(ByteBuf body) {
        String portal = readCString(body);
        String statement = readCString(body);
        List<Short> parameterFormats = readShorts(body);
        int count = body.readUnsignedShort();
        List<byte[]> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = body.readInt();
            if (length < -1) {
                throw new PgProtocolException("invalid parameter length " + length + " in Bind");
            }
            byte[] value = null;
            if (length >= 0) {
                value = new byte[length];
                body.readBytes(value);
            }
            values.add(value);
        }
        return new FrontendMessage.Bind(portal, statement, parameterFormats, values, readShorts(body));
    }

    private static List<Short> readShorts(ByteBuf body) {
        int count = body.readUnsignedShort();
        List<Short> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(body.readShort());
        }
        return values;
    }

    private static char readKind(ByteBuf body) {
        char kind = (char) body.readUnsignedByte();
        if (kind != 'S' && kind != 'P') {
            throw new PgProtocolException("invalid Describe/Close kind '" + printable(kind) + "': expected 'S' or 'P'");
        }
        return kind;
    }

    private static boolean isKnownType(char type) {
        return switch (type) {
            case 'Q', 'X', 'S', 'H', 'd', 'c', 'f', 'P', 'B', 'D', 'E', 'C', 'F', 'p' -> true;
            default -> false;
        };
    }

    private static String readCString(ByteBuf body) {
        int end = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new PgProtocolException("string in message is not terminated");
        }
        String value = body.toString(body.readerIndex(), end - body.readerIndex(), StandardCharsets.UTF_8);
        body.readerIndex(end + 1);
        return value;
    }

    private static String printable(char type) {
        return type >= 0x20 && type < 0x7F ? String.valueOf(type) : "\\x" + Integer.toHexString(type);
    }
}
