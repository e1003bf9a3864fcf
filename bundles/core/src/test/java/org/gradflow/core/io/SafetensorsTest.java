package org.gradflow.core.io;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.gradflow.api.component.GradflowException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SafetensorsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path writeSample(boolean float32) throws IOException {
        Path f = tmp.newFile().toPath();
        Safetensors.write(f, List.of(new Safetensors.Entry("fc1.weight", new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, -6.5}),
                new Safetensors.Entry("fc1.bias", new int[] {2}, new double[] {0.25, -0.5})), Map.of("format", "pt"), float32);
        return f;
    }

    @Test
    public void layoutIsSafetensors() throws IOException {
        byte[] bytes = Files.readAllBytes(writeSample(false));
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals("header padded to 8 bytes", 0, n % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8).strip();
        assertTrue(header, header.contains("\"fc1.weight\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]}"));
        assertTrue(header, header.contains("\"fc1.bias\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[48,64]}"));
        assertEquals(8 + n + 64, bytes.length);
        // first weight element, little-endian double 1.0 right after the header
        assertEquals(1.0, ByteBuffer.wrap(bytes, (int) (8 + n), 8).order(ByteOrder.LITTLE_ENDIAN).getDouble(), 0);
    }

    @Test
    public void roundTripDoubleAndFloat() throws IOException {
        for (boolean f32 : new boolean[] {false, true}) {
            Map<String, Safetensors.Entry> m = Safetensors.read(writeSample(f32));
            assertEquals(List.of("fc1.weight", "fc1.bias"), List.copyOf(m.keySet()));
            assertArrayEquals(new int[] {2, 3}, m.get("fc1.weight").shape());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, -6.5}, m.get("fc1.weight").values(), 0);
            assertArrayEquals(new double[] {0.25, -0.5}, m.get("fc1.bias").values(), 0);
        }
    }

    private void assertCorrupt(byte[] bytes, String expected) throws IOException {
        Path f = tmp.newFile().toPath();
        Files.write(f, bytes);
        try {
            Safetensors.read(f);
            fail("expected an error containing " + expected);
        } catch (GradflowException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(f.toString()) && e.getMessage().contains(expected));
        }
    }

    @Test
    public void corruptFilesAreNamedWithTheProblem() throws IOException {
        byte[] good = Files.readAllBytes(writeSample(false));
        assertCorrupt(new byte[3], "fewer than the 8-byte header length");
        assertCorrupt(Arrays.copyOf(good, good.length - 10), "truncated");
        byte[] badLength = good.clone();
        badLength[6] = 1;
        assertCorrupt(badLength, "header length field");
        byte[] badJson = good.clone();
        badJson[9] = '[';
        assertCorrupt(badJson, "JSON header is malformed");
    }

    @Test
    public void missingFileSaysWhatToGive() {
        try {
            Safetensors.read(tmp.getRoot().toPath().resolve("nope.safetensors"));
            fail();
        } catch (GradflowException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("does not exist"));
        }
    }
}
