package io.weir.server.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

/**
 * The RPC connection's framing: each {@link RpcMessage} Java-serialized into one frame with a
 * 4-byte length. Java serialization trusts its peer, so the RPC port binds to loopback (or a private
 * network) only, as every Weir listener does by default.
 */
final class RpcFrames {
    private static final int MAX_FRAME = 1 << 30;

    private RpcFrames() {
    }

    static void install(ChannelPipeline pipeline) {
        pipeline.addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4, 0, 4))
                .addLast(new LengthFieldPrepender(4))
                .addLast(new Decoder())
                .addLast(new Encoder());
    }

    private static final class Encoder extends MessageToByteEncoder<RpcMessage> {
        @Override
        protected void encode(ChannelHandlerContext context, RpcMessage message, ByteBuf out) throws IOException {
            try (ObjectOutputStream objects = new ObjectOutputStream(new ByteBufOutputStream(out))) {
                objects.writeObject(message);
            }
        }
    }

    private static final class Decoder extends MessageToMessageDecoder<ByteBuf> {
        @Override
        protected void decode(ChannelHandlerContext context, ByteBuf frame, List<Object> out) throws Exception {
            try (ObjectInputStream objects = new ObjectInputStream(new ByteBufInputStream(frame))) {
                out.add((RpcMessage) objects.readObject());
            }
        }
    }
}
