package org.gradflow.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.gradflow.api.component.GradflowException;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length N, N bytes of JSON
 * header ({@code {"name": {"dtype": "F64", "shape": [rows, cols], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {"key": "value"}}}, offsets relative to the end of the header), then the raw
 * little-endian data. Tensors are written in the order given, the header padded with spaces to a
 * multiple of 8 bytes. Files are written to a temporary name and moved into place, so a crash never
 * leaves half a checkpoint.
 */
public final class Safetensors {
    /** One tensor: name, shape and values (row-major). */
    public record Entry(String name, int[] shape, double[] values) {
    }

    private Safetensors() {
    }

    /** Writes F64 tensors (or F32 when {@code float32}) and string metadata. */
    public static void write(Path file, List<Entry> entries, Map<String, String> metadata, boolean float32)
            throws IOException {
        int width = float32 ? 4 : 8;
        StringBuilder json = new StringBuilder("{");
        json.append("\"__metadata__\":{");
        boolean first = true;
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            json.append(first ? "" : ",").append(quote(m.getKey())).append(':').append(quote(m.getValue()));
            first = false;
        }
        json.append('}');
        long offset = 0;
        for (Entry e : entries) {
            long bytes = (long) e.values().length * width;
            json.append(',').append(quote(e.name())).append(":{\"dtype\":\"").append(float32 ? "F32" : "F64")
                    .append("\",\"shape\":[");
            for (int i = 0; i < e.shape().length; i++) {
                json.append(i == 0 ? "" : ",").append(e.shape()[i]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(header);
            for (int i = header.length; i < padded; i++) {
                out.write(' ');
            }
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Entry e : entries) {
                for (double v : e.values()) {
                    if (buf.remaining() < 8) {
                        out.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    if (float32) {
                        buf.putFloat((float) v);
                    } else {
                        buf.putDouble(v);
                    }
                }
            }
            out.write(buf.array(), 0, buf.position());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads every tensor (F64 or F32, as doubles) in file order.
     *
     * @throws GradflowException naming the file and what is wrong with it
     */
    public static Map<String, Entry> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw corrupt(file, "it has " + size + " bytes, fewer than the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLength = lenBuf.flip().getLong();
            if (headerLength <= 1 || headerLength > size - 8 || headerLength > 100_000_000) {
                throw corrupt(file, "the header length field says " + headerLength + " bytes but the file has "
                        + size + " bytes");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLength);
            readFully(ch, headerBuf, 8);
            String header = new String(headerBuf.array(), StandardCharsets.UTF_8);
            Map<String, Object> json;
            try {
                Object parsed = new Json(header).parse();
                if (!(parsed instanceof Map)) {
                    throw new IllegalArgumentException("the header is not a JSON object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) parsed;
                json = m;
            } catch (IllegalArgumentException e) {
                throw corrupt(file, "its JSON header is malformed: " + e.getMessage());
            }
            long dataStart = 8 + headerLength;
            Map<String, Entry> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> t : json.entrySet()) {
                if (t.getKey().equals("__metadata__")) {
                    continue;
                }
                out.put(t.getKey(), entry(file, t.getKey(), t.getValue(), ch, dataStart, size));
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new GradflowException("checkpoint " + file + " does not exist; give the path of a .safetensors file, "
                    + "e.g. runs/<id>/model.safetensors");
        } catch (IOException e) {
            throw new GradflowException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static Entry entry(Path file, String name, Object spec, FileChannel ch, long dataStart, long size)
            throws IOException {
        if (!(spec instanceof Map)) {
            throw corrupt(file, "tensor '" + name + "' has no dtype/shape/data_offsets object");
        }
        Map<?, ?> m = (Map<?, ?>) spec;
        Object dtype = m.get("dtype");
        int width;
        if ("F64".equals(dtype)) {
            width = 8;
        } else if ("F32".equals(dtype)) {
            width = 4;
        } else {
            throw corrupt(file, "tensor '" + name + "' has dtype " + dtype + "; Gradflow reads F64 and F32");
        }
        List<Long> shape = longs(file, name, "shape", m.get("shape"));
        List<Long> offsets = longs(file, name, "data_offsets", m.get("data_offsets"));
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        if (offsets.size() != 2 || offsets.get(0) < 0 || offsets.get(1) < offsets.get(0)
                || offsets.get(1) - offsets.get(0) != count * width || dataStart + offsets.get(1) > size) {
            throw corrupt(file, "tensor '" + name + "' has data_offsets " + offsets + " that do not fit its shape "
                    + shape + " (" + count * width + " bytes) or the file (" + (size - dataStart) + " data bytes): "
                    + "the file is truncated or damaged");
        }
        if (count > Integer.MAX_VALUE) {
            throw corrupt(file, "tensor '" + name + "' is too large");
        }
        ByteBuffer data = ByteBuffer.allocate((int) (count * width)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, data, dataStart + offsets.get(0));
        data.flip();
        double[] values = new double[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = width == 8 ? data.getDouble() : data.getFloat();
        }
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = Math.toIntExact(shape.get(i));
        }
        return new Entry(name, dims, values);
    }

    private static List<Long> longs(Path file, String name, String field, Object value) {
        if (!(value instanceof List)) {
            throw corrupt(file, "tensor '" + name + "' has no " + field + " list");
        }
        List<Long> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            if (!(o instanceof Long) || (Long) o < 0) {
                throw corrupt(file, "tensor '" + name + "' has a bad " + field + " element " + o);
            }
            out.add((Long) o);
        }
        return out;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    private static GradflowException corrupt(Path file, String why) {
        return new GradflowException("checkpoint " + file + " is not a valid safetensors file: " + why);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A small strict JSON parser: objects, arrays, strings, integers, true/false/null. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s.stripTrailing();
        }

        Object parse() {
            Object v = value();
            skip();
            if (i != s.length()) {
                throw error("trailing characters");
            }
            return v;
        }

        private Object value() {
            skip();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            if (c == '{') {
                return object();
            }
            if (c == '[') {
                return array();
            }
            if (c == '"') {
                return string();
            }
            if (c == '-' || Character.isDigit(c)) {
                return number();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            throw error("unexpected '" + c + "'");
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            skip();
            if (peek() == '}') {
                i++;
                return m;
            }
            while (true) {
                skip();
                if (peek() != '"') {
                    throw error("expected a key");
                }
                String key = string();
                skip();
                expect(':');
                m.put(key, value());
                skip();
                if (peek() == ',') {
                    i++;
                } else {
                    expect('}');
                    return m;
                }
            }
        }

        private List<Object> array() {
            List<Object> l = new ArrayList<>();
            i++;
            skip();
            if (peek() == ']') {
                i++;
                return l;
            }
            while (true) {
                l.add(value());
                skip();
                if (peek() == ',') {
                    i++;
                } else {
                    expect(']');
                    return l;
                }
            }
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (i >= s.length()) {
                        break;
                    }
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n': sb.append('\n'); break;
                        case 't': sb.append('\t'); break;
                        case 'r': sb.append('\r'); break;
                        case 'b': sb.append('\b'); break;
                        case 'f': sb.append('\f'); break;
                        case 'u':
                            if (i + 4 > s.length()) {
                                throw error("bad \\u escape");
                            }
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                            break;
                        default: sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            throw error("unterminated string");
        }

        private Object number() {
            int start = i;
            if (peek() == '-') {
                i++;
            }
            while (i < s.length() && "0123456789.eE+-".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String n = s.substring(start, i);
            try {
                return n.matches("-?\\d+") ? (Object) Long.parseLong(n) : (Object) Double.parseDouble(n);
            } catch (NumberFormatException e) {
                throw error("bad number " + n);
            }
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at header character " + i);
        }
    }
}
