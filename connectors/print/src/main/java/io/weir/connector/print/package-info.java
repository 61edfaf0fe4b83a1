/** The {@code print} connector: a sink that writes every row to standard output or standard error, as Flink's. */
package io.weir.connector.print;
