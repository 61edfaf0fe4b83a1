/**
 * Keyed operator state behind one API with two backends: the heap ({@code 'state.backend.type' =
 * 'hashmap'}) and RocksDB ({@code 'rocksdb'}). State is addressed by key group and an encoded key,
 * so checkpoints and restores cut it by key group; RocksDB snapshots are incremental.
 */
package io.weir.executor.state;
