package org.gradflow.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class JsonAndMarkupTest {
    @Test
    public void jsonReadsBackAndHasNoMarkupCharacters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "</script> & <b>\"q\"\\ \n\t\u0001 \u2028 \uD83D\uDE00");
        m.put("n", Arrays.asList(0.1, 1e-300, -2.5e10, Double.NaN, Double.POSITIVE_INFINITY, 3L, null, true));
        String json = Json.write(m);
        for (char c : "<>&\n\u0001".toCharArray()) {
            assertFalse("'" + c + "' in " + json, json.indexOf(c) >= 0);
        }
        Map<?, ?> back = (Map<?, ?>) TestJson.parse(json);
        assertEquals(m.get("s"), back.get("s"));
        assertEquals("doubles exact, non-finite as null",
                Arrays.asList(0.1, 1e-300, -2.5e10, null, null, 3.0, null, true), back.get("n"));
        assertEquals("[1.0,2.0]", Json.write(new double[] {1, 2}));
        assertEquals("[]", Json.write(List.of()));
    }

    @Test
    public void markupEscapesAndReplacesWhatXmlForbids() {
        Markup m = new Markup().element("p", "a<b & c>\"d\" \u0000 \uD800 \uD83D\uDE00", "title", "x\"y\n<z>");
        assertEquals("<p title=\"x&quot;y &lt;z&gt;\">a&lt;b &amp; c&gt;\"d\" \uFFFD \uFFFD \uD83D\uDE00</p>", m.toString());
        assertEquals("null attribute values are left out", "<rect x=\"1\"/>",
                new Markup().empty("rect", "x", "1", "title", null).toString());
    }

    @Test
    public void scalesTickRoundNumbersAndWholeDecades() {
        Scale log = Scale.log(3e-7, 2e-2, 100, 0);
        assertEquals(List.of(1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1).size(), log.ticks().size());
        assertEquals(-7, Scale.exponent(log.ticks().get(0)));
        assertEquals(100, log.px(1e-7), 1e-9);
        assertEquals(0, log.px(1e-1), 1e-9);
        assertFalse(log.shows(0));
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0),
                Scale.linear(0, 1, false, 0, 1).ticks().stream().map(t -> Math.round(t * 10) / 10.0).toList());
        assertEquals("a single epoch gets room around it", List.of(0.0, 1.0, 2.0), Scale.linear(1, 1, true, 0, 1).ticks());
        assertEquals("0.25", Scale.label(0.25));
        assertEquals("-0.5", Svg.f(-0.46));
        assertEquals("0.0", Svg.f(-0.04));
        assertEquals("-0.3", Svg.f(-0.3));
        assertEquals("12.3", Svg.f(12.34));
    }
}
