package org.gradflow.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.gradflow.api.dataset.DataException;
import org.gradflow.api.dataset.Examples;

/**
 * One IDX file, the format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/): a 4-byte
 * magic number {@code 00 00 TT DD} (TT the element type, {@code 08} = unsigned byte; DD the number of
 * dimensions), DD big-endian 32-bit dimension sizes, then the elements row-major. Images files have 3
 * dimensions (count, rows, columns), labels files 1 (count). Only unsigned bytes are read, as MNIST uses.
 *
 * <p>Every error names the file and the byte position in it (counted in the decompressed data for a
 * gzip file) and, for data errors, the example.
 */
final class IdxFile {
    private static final int UNSIGNED_BYTE = 0x08;

    final String role;
    final Path path;
    final int[] dims;
    final int headerBytes;
    /** The elements, unsigned bytes. */
    final byte[] data;

    private IdxFile(String role, Path path, int[] dims, byte[] data) {
        this.role = role;
        this.path = path;
        this.dims = dims;
        this.headerBytes = 4 + 4 * dims.length;
        this.data = data;
    }

    int count() {
        return dims[0];
    }

    /** Elements per example: the product of the dimensions after the first. */
    int perExample() {
        int n = 1;
        for (int i = 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    String shape() {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i < dims.length; i++) {
            s.append(i > 1 ? "x" : "").append(dims[i]);
        }
        return s.toString();
    }

    /** e.g. {@code train-images file /data/train-images-idx3-ubyte.gz}. */
    String name() {
        return role + " file " + path;
    }

    /** Reads an images file: 3 dimensions (count, rows, columns), or 2 (count, features). */
    static IdxFile images(String role, Path path) {
        return read(role, path, 2, 3, "images (3 dimensions: count, rows, columns; magic 0x00000803)");
    }

    /** Reads a labels file: 1 dimension (count). */
    static IdxFile labels(String role, Path path) {
        return read(role, path, 1, 1, "labels (1 dimension: count; magic 0x00000801)");
    }

    private static IdxFile read(String role, Path path, int minDims, int maxDims, String expected) {
        String name = role + " file " + path;
        String[] why = {null};
        try (InputStream in = DataFiles.open(path)) {
            byte[] magic = new byte[4];
            int got = readFully(in, magic, 4, why);
            if (got < 4) {
                throw new DataException(name + ": " + (got == 0 ? "the file is empty" : "ends after " + got
                        + " bytes, inside the 4-byte magic number") + damage(why) + "; expected an IDX file of " + expected);
            }
            int magicNumber = ((magic[0] & 0xFF) << 24) | ((magic[1] & 0xFF) << 16) | ((magic[2] & 0xFF) << 8)
                    | (magic[3] & 0xFF);
            if (magic[0] != 0 || magic[1] != 0) {
                throw new DataException(name + ": byte 0: magic number " + hex(magicNumber)
                        + " is not an IDX magic number (00 00 type dimensions); expected an IDX file of " + expected);
            }
            int type = magic[2] & 0xFF;
            if (type != UNSIGNED_BYTE) {
                throw new DataException(name + ": byte 2: element type " + String.format("0x%02X", type) + " ("
                        + typeName(type) + ") is not supported (magic number " + hex(magicNumber)
                        + "); only unsigned bytes (0x08) are read, as in MNIST");
            }
            int dimCount = magic[3] & 0xFF;
            if (dimCount < minDims || dimCount > maxDims) {
                throw new DataException(name + ": byte 3: " + dimCount + " dimension" + (dimCount == 1 ? "" : "s")
                        + " (magic number " + hex(magicNumber) + "), expected " + expected
                        + "; are the images and labels files swapped?");
            }
            byte[] header = new byte[4 * dimCount];
            got = readFully(in, header, header.length, why);
            if (got < header.length) {
                throw new DataException(name + ": ends at byte " + (4 + got) + ", inside the header, which needs "
                        + (4 + header.length) + " bytes for " + dimCount + " dimension sizes" + damage(why));
            }
            int[] dims = new int[dimCount];
            long total = 1;
            for (int i = 0; i < dimCount; i++) {
                int d = ((header[4 * i] & 0xFF) << 24) | ((header[4 * i + 1] & 0xFF) << 16)
                        | ((header[4 * i + 2] & 0xFF) << 8) | (header[4 * i + 3] & 0xFF);
                if (d < 0 || (d == 0 && i > 0)) {
                    throw new DataException(name + ": byte " + (4 + 4 * i) + ": dimension " + (i + 1) + " has size "
                            + Integer.toUnsignedString(d) + ", which is not a valid size");
                }
                dims[i] = d;
                total *= d;
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new DataException(name + ": the header promises " + total + " bytes of data, more than one array"
                        + " holds (2^31 - 9); split the file");
            }
            int headerBytes = 4 + header.length;
            byte[] data = new byte[(int) total];
            got = readFully(in, data, data.length, why);
            IdxFile file = new IdxFile(role, path, dims, data);
            if (got < data.length) {
                int per = file.perExample();
                int example = got / per;
                throw new DataException(name + ": truncated" + damage(why) + ": the header (" + describe(dims) + ") promises "
                        + data.length + " bytes of data after the " + headerBytes + "-byte header, found " + got
                        + "; the " + (DataFiles.isGzip(path) ? "decompressed data ends" : "file ends") + " at byte "
                        + (headerBytes + got) + ", in example " + example + " of "
                        + dims[0] + (got % per == 0 ? " (examples " + example + ".." + (dims[0] - 1) + " are missing)"
                                : " (" + (got % per) + " of its " + per + " bytes present)")
                        + ". Download the file again");
            }
            if (in.read() != -1) {
                throw new DataException(name + ": has more bytes after the " + dims[0] + " examples the header promises"
                        + " (data should end at byte " + (headerBytes + data.length) + "); is it the right file, or was"
                        + " it written with another header?");
            }
            return file;
        } catch (IOException e) {
            throw new DataException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads up to {@code n} bytes and returns how many it got. A damaged or cut-off gzip stream ends the
     * read like the end of the file ({@code GZIPInputStream} says "Unexpected end of ZLIB input stream"),
     * so the caller reports the position; the reason is kept in {@code why[0]}.
     */
    private static int readFully(InputStream in, byte[] b, int n, String[] why) {
        int got = 0;
        try {
            while (got < n) {
                int r = in.read(b, got, n - got);
                if (r < 0) {
                    break;
                }
                got += r;
            }
        } catch (IOException e) {
            why[0] = e.getMessage();
        }
        return got;
    }

    /**
     * Labelled examples from an images file and its labels file: pixels scaled to [0, 1] (divided by 255),
     * the first {@code limit} examples (0: all).
     */
    static Examples examples(IdxFile images, IdxFile labels, int classes, int limit) {
        if (images.count() != labels.count()) {
            throw new DataException(images.name() + " holds " + images.count() + " images but " + labels.name()
                    + " holds " + labels.count() + " labels: the two files do not belong together (mislabelled pair?)");
        }
        for (int i = 0; i < labels.data.length; i++) {
            int label = labels.data[i] & 0xFF;
            if (label >= classes) {
                throw new DataException(labels.name() + ": byte " + (labels.headerBytes + i) + ": example " + i
                        + " has label " + label + ", outside 0.." + (classes - 1) + " (dataset.classes=" + classes + ")");
            }
        }
        int n = limit > 0 ? Math.min(limit, images.count()) : images.count();
        int per = images.perExample();
        float[] features = new float[Math.multiplyExact(n, per)];
        for (int i = 0; i < features.length; i++) {
            features[i] = (images.data[i] & 0xFF) / 255f;
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.data[i] & 0xFF;
        }
        return Examples.classification(images.path + " + " + labels.path, features, per, y, classes);
    }

    private static String damage(String[] why) {
        return why[0] == null ? "" : " (damaged or cut-off gzip data: " + why[0] + ")";
    }

    private static String describe(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            s.append(i > 0 ? " x " : "").append(dims[i]);
        }
        return s.toString();
    }

    private static String hex(int v) {
        return String.format("0x%08X", v);
    }

    private static String typeName(int type) {
        switch (type) {
            case 0x09: return "signed byte";
            case 0x0B: return "16-bit integer";
            case 0x0C: return "32-bit integer";
            case 0x0D: return "32-bit float";
            case 0x0E: return "64-bit float";
            default: return "unknown type";
        }
    }
}
