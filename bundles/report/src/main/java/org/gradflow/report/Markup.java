package org.gradflow.report;

/**
 * Builds markup that is well-formed XML and reads the same as HTML (polyglot XHTML): text and attribute
 * values are escaped, attributes are double-quoted, and every element is closed. Only SVG elements and
 * HTML void elements ({@code meta}, {@code br}) may be written {@link #empty empty}, as HTML accepts
 * {@code <x/>} only for those. Characters that XML 1.0 forbids (most control characters, lone surrogates)
 * are written as {@code U+FFFD}.
 */
final class Markup {
    private final StringBuilder sb = new StringBuilder();

    /** {@code <tag a="v" ...>}; {@code attributes} are name, value pairs; a null value omits the pair. */
    Markup open(String tag, String... attributes) {
        sb.append('<').append(tag);
        attributes(attributes);
        sb.append('>');
        return this;
    }

    Markup close(String tag) {
        sb.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag .../>}: for SVG elements and HTML void elements only. */
    Markup empty(String tag, String... attributes) {
        sb.append('<').append(tag);
        attributes(attributes);
        sb.append("/>");
        return this;
    }

    /** {@code <tag ...>text</tag>}. */
    Markup element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    Markup text(String text) {
        escape(sb, text, false);
        return this;
    }

    /** Markup made by another {@code Markup} (or JSON from {@link Json}, which has no {@code <>&}). */
    Markup raw(String markup) {
        sb.append(markup);
        return this;
    }

    Markup raw(Markup markup) {
        sb.append(markup.sb);
        return this;
    }

    Markup newline() {
        sb.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    private void attributes(String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                sb.append(' ').append(attributes[i]).append("=\"");
                escape(sb, attributes[i + 1], true);
                sb.append('"');
            }
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        escape(out, text, false);
        return out.toString();
    }

    private static void escape(StringBuilder out, String text, boolean attribute) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n', '\r', '\t' -> out.append(attribute ? " " : String.valueOf(c));
                default -> {
                    boolean allowed = c >= 0x20 && c != 0xFFFE && c != 0xFFFF;
                    if (Character.isHighSurrogate(c)) {
                        allowed = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                        if (allowed) {
                            out.append(c).append(text.charAt(++i));
                            continue;
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        allowed = false;
                    }
                    out.append(allowed ? c : '\uFFFD');
                }
            }
        }
    }
}
