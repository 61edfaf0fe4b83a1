package io.weir.spi.checkpoint;

import java.util.Map;

/**
 * Makes the {@link CheckpointStorage} of one URI scheme ({@code s3} for {@code s3://bucket/prefix});
 * registered under {@code META-INF/services/io.weir.spi.checkpoint.CheckpointStorageFactory}. The
 * executor calls it once per distinct job configuration, from any thread.
 */
public interface CheckpointStorageFactory {
    /** The URI scheme this factory serves, lower case, without {@code ://}. */
    String scheme();

    /**
     * A storage configured from a job's options (everything SET for the job, such as
     * {@code state.checkpoints.s3.endpoint}); a bad option fails with a WeirException naming it.
     */
    CheckpointStorage create(Map<String, String> jobOptions);
}
