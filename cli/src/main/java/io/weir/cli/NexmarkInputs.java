package io.weir.cli;

import io.weir.cli.nexmark.CountChar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The files some Nexmark queries read besides the generated events, written into a directory the
 * caller owns, and the script variables that name them: {@code OUTPUT} (q10's sink directory),
 * {@code SIDE_INPUT} (q13's csv file of {@value #SIDE_INPUT_ROWS} rows {@code key,value}) and
 * {@code UDF_JAR} (q14's jar holding {@link CountChar}). A file is written only when the script
 * refers to its variable. Not thread-safe.
 */
final class NexmarkInputs {
    /** Rows of q13's side input: keys 0 to 9999, as {@code MOD(auction, 10000)} ranges. */
    static final int SIDE_INPUT_ROWS = 10_000;

    private NexmarkInputs() {
    }

    /** The variables {@code script} refers to among OUTPUT, SIDE_INPUT and UDF_JAR, with their files written under {@code dir}. */
    static Map<String, String> prepare(String script, Path dir) throws IOException {
        Map<String, String> variables = new HashMap<>();
        if (script.contains("${OUTPUT}")) {
            Path output = Files.createDirectories(dir.resolve("output"));
            variables.put("OUTPUT", output.toAbsolutePath().toString());
        }
        if (script.contains("${SIDE_INPUT}")) {
            variables.put("SIDE_INPUT", writeSideInput(dir.resolve("side_input.txt")).toAbsolutePath().toString());
        }
        if (script.contains("${UDF_JAR}")) {
            variables.put("UDF_JAR", writeCountCharJar(dir.resolve("nexmark-udf.jar")).toUri().toString());
        }
        return variables;
    }

    /** The value q13's side input holds for {@code key}. */
    static String sideInputValue(long key) {
        return "side-" + key;
    }

    /** Writes {@value #SIDE_INPUT_ROWS} csv rows {@code key,value}, keys 0 to 9999. */
    static Path writeSideInput(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long key = 0; key < SIDE_INPUT_ROWS; key++) {
                out.write(key + "," + sideInputValue(key) + "\n");
            }
        }
        return file;
    }

    /** Writes a jar holding only {@link CountChar}'s class file, copied from this program's own classes. */
    static Path writeCountCharJar(Path file) throws IOException {
        String entry = CountChar.class.getName().replace('.', '/') + ".class";
        try (InputStream in = CountChar.class.getResourceAsStream("/" + entry);
                OutputStream stream = Files.newOutputStream(file);
                JarOutputStream jar = new JarOutputStream(stream)) {
            if (in == null) {
                throw new IOException("class file " + entry + " is not on the class path");
            }
            jar.putNextEntry(new JarEntry(entry));
            in.transferTo(jar);
            jar.closeEntry();
        }
        return file;
    }
}
