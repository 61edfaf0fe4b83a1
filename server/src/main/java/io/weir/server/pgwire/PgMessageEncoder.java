package io.weir.server.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Encodes {@link BackendMessage}s: type byte, a length that counts itself, then the body.
 * Stateless, so one instance serves every connection.
 */
@ChannelHandler.Sharable
public final class PgMessageEncoder extends MessageToByteEncoder<BackendMessage> {
    public PgMessageEncoder() {
        super(BackendMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, BackendMessage message, ByteBuf out) {
        out.writeByte(message.type());
        if (message instanceof BackendMessage.EncryptionRefused || message instanceof BackendMessage.EncryptionAccepted) {
            return;
        }
        int lengthIndex = out.writerIndex();
        out.writeInt(0);
        message.writeBody(out);
        out.setInt(lengthIndex, out.writerIndex() - lengthIndex);
    }
}
