package io.weir.connector.filesystem;

/** The file formats the connector reads and writes, with the extension of the files the sink writes. */
enum FileFormat {
    CSV("csv"),
    JSON("json");

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    String extension() {
        return extension;
    }
}
