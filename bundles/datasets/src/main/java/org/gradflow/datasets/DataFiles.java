package org.gradflow.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.gradflow.api.component.ParameterSpec;
import org.gradflow.api.component.Settings;
import org.gradflow.api.dataset.DataException;

/** Opening data files: paths from settings, missing files explained, gzip detected by its magic bytes. */
final class DataFiles {
    private DataFiles() {
    }

    /**
     * The path a TEXT parameter names.
     *
     * @param what what the file must hold, for the message, e.g. "an IDX file of training images"
     * @throws DataException when it is not set, not a valid path, missing or a directory, saying what to do
     */
    static Path path(Settings settings, ParameterSpec spec, String what) {
        String key = "dataset." + spec.name();
        String value = settings.text(spec);
        if (value == null || value.isBlank()) {
            throw new DataException(key + " is not set: give the path of " + what + " (" + key + "=/path/to/file)");
        }
        Path p;
        try {
            p = Path.of(value.trim());
        } catch (InvalidPathException e) {
            throw new DataException(key + "=" + value + " is not a valid path: " + e.getReason());
        }
        return existingFile(p, key, what);
    }

    /** {@code p} itself if it is a readable file, else a DataException naming it and the key. */
    static Path existingFile(Path p, String key, String what) {
        Path abs = p.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new DataException(abs + " (" + key + ") is a directory; give the path of " + what);
        }
        if (!Files.exists(abs)) {
            throw new DataException("file not found: " + abs + " (" + key + "); give the path of " + what
                    + ", raw or gzip-compressed");
        }
        if (!Files.isReadable(abs)) {
            throw new DataException("cannot read " + abs + " (" + key + "): permission denied");
        }
        return abs;
    }

    /**
     * Opens a file for reading, decompressing it if it starts with the gzip magic bytes {@code 1f 8b}
     * (the name does not matter). The caller closes the stream, and reads it in large blocks or wraps it in
     * a buffer.
     */
    static InputStream open(Path file) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                // not wrapped in another buffer: a buffered read that hits the damage would throw away
                // the count of the bytes it did get, and the truncation message reports that position
                return new GZIPInputStream(in, 1 << 16);
            }
            return in;
        } catch (NoSuchFileException e) {
            throw new DataException("file not found: " + file);
        } catch (IOException e) {
            throw new DataException(file + ": cannot open: " + e.getMessage(), e);
        }
    }

    /** Whether the file starts with the gzip magic bytes {@code 1f 8b}. */
    static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }
}
