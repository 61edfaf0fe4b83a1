package io.weir.executor.state;

import io.weir.executor.internal.KeyGroups;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Run by hand (not a test): fills one RocksDB backend with about {@code args[0]} MB of state (1 KiB
 * random values, so compression does not shrink it), takes a full snapshot, updates 1 % of the keys,
 * and takes an incremental one; prints each snapshot's synchronous time (the RocksDB checkpoint, while
 * the subtask waits), upload time (in the background) and sizes.
 */
public final class CheckpointSizeBenchmark {
    private CheckpointSizeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int keys = megabytes * 1024;
        Path work = Files.createTempDirectory("weir-checkpoint-bench");
        Random random = new Random(1);
        byte[] value = new byte[1024];
        try (RocksDbStateBackend backend = new RocksDbStateBackend(work.resolve("state"), work.resolve("checkpoints"), 0, 1)) {
            ValueState<byte[]> state = backend.valueState("values", new StateCodec<>() {
                @Override
                public byte[] encode(byte[] v) {
                    return v;
                }

                @Override
                public byte[] decode(byte[] bytes) {
                    return bytes;
                }
            });
            long start = System.nanoTime();
            for (int k = 0; k < keys; k++) {
                random.nextBytes(value);
                backend.setCurrentKey(KeyGroups.keyGroup(k), ByteBuffer.allocate(4).putInt(k).array());
                state.update(value.clone());
            }
            System.out.printf("wrote %d keys (%d MB of values) in %.1f s%n", keys, megabytes, (System.nanoTime() - start) / 1e9);
            snapshot(backend, 1, "full");
            for (int k = 0; k < keys; k += 100) {
                random.nextBytes(value);
                backend.setCurrentKey(KeyGroups.keyGroup(k), ByteBuffer.allocate(4).putInt(k).array());
                state.update(value.clone());
            }
            snapshot(backend, 2, "incremental (1% of keys updated)");
        } finally {
            RocksDbSnapshots.deleteTree(work);
        }
    }

    private static void snapshot(RocksDbStateBackend backend, long id, String what) {
        long start = System.nanoTime();
        StateSnapshot snapshot = backend.snapshot(id);
        long sync = System.nanoTime();
        snapshot.uploaded().join();
        long done = System.nanoTime();
        RocksDbHandle handle = backend.lastSnapshot();
        System.out.printf("%s: synchronous part %.0f ms, upload %.0f ms, state %.0f MB, uploaded %.1f MB%n", what,
                (sync - start) / 1e6, (done - sync) / 1e6, handle.totalBytes() / 1e6, handle.uploadedBytes() / 1e6);
    }
}
