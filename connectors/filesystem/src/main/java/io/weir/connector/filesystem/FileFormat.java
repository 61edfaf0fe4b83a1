package io.weir.connector.filesystem;

/** The file formats the connector reads and writes, with the extension of the files the sink writes. */
enum FileFormat {
    CSV("csv"),
    JSON("json"),
    /** A changelog as Debezium JSON lines ({@link DebeziumJsonEncoder}, {@link DebeziumJsonDecoder}). */
    DEBEZIUM_JSON("json"),
    /** Apache Parquet, written by {@link ParquetRowWriter}, read by {@link ParquetDecoder}. */
    PARQUET("parquet");

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    String extension() {
        return extension;
    }

    /** The format named by the {@code 'format'} option, e.g. {@code debezium-json}. */
    static FileFormat of(String option) {
        return valueOf(option.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    /** Whether files of this format hold a changelog (read as one, and written from one). */
    boolean isChangelog() {
        return this == DEBEZIUM_JSON;
    }
}
