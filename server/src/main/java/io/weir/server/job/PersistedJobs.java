package io.weir.server.job;

import static java.util.Objects.requireNonNull;

import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The checkpointed jobs a server runs, kept in {@code <data-dir>/jobs/<job id>.properties} so that a
 * restart resumes each from its latest checkpoint: what to re-plan (an INSERT statement, or the
 * materialized view to keep) and the session options it was planned with. Written atomically
 * before the client hears of the job; removed when the job ends for good.
 */
public final class PersistedJobs {
    /** One job to resume: {@code kind} is "insert" (with its statement) or "view" (with the view's name). */
    public record Entry(String id, String kind, String text, Map<String, String> options) {
        public Entry {
            requireNonNull(id, "id is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(text, "text is null");
            options = Map.copyOf(options);
        }
    }

    private static final String OPTION = "option.";
    private final Path dir;

    public PersistedJobs(Path dataDir) {
        this.dir = dataDir.resolve("jobs");
    }

    public void save(Entry entry) {
        Properties properties = new Properties();
        properties.setProperty("id", entry.id());
        properties.setProperty("kind", entry.kind());
        properties.setProperty("text", entry.text());
        entry.options().forEach((key, value) -> properties.setProperty(OPTION + key, value));
        try {
            Files.createDirectories(dir);
            Path temp = dir.resolve("." + entry.id() + ".tmp");
            try (Writer out = Files.newBufferedWriter(temp)) {
                properties.store(out, "a Weir job to resume at start-up");
            }
            Files.move(temp, dir.resolve(entry.id() + ".properties"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot record job " + entry.id() + " in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    public void remove(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id + ".properties"));
        } catch (IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot forget job " + id + ": " + e.getMessage(), e);
        }
    }

    public List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".properties")).sorted().toList()) {
                Properties properties = new Properties();
                try (Reader in = Files.newBufferedReader(file)) {
                    properties.load(in);
                }
                Map<String, String> options = new HashMap<>();
                for (String key : properties.stringPropertyNames()) {
                    if (key.startsWith(OPTION)) {
                        options.put(key.substring(OPTION.length()), properties.getProperty(key));
                    }
                }
                entries.add(new Entry(properties.getProperty("id"), properties.getProperty("kind"),
                        properties.getProperty("text"), options));
            }
        } catch (IOException e) {
            throw new WeirException(ErrorCode.IO_ERROR, "Cannot read the jobs to resume in " + dir + ": "
                    + e.getMessage(), e);
        }
        return entries;
    }
}
