/**
 * The {@code filesystem} connector: bounded reads of CSV and JSON-lines files from a file or a
 * directory tree (with Flink-style {@code col=value} partition directories), and a two-phase-commit
 * sink that stages hidden in-progress files and makes them visible by atomic rename.
 */
package io.weir.connector.filesystem;
