package org.fugong.healthcode.internal;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The claims of a code, read by a strict parser for the one shape this server issues: a flat JSON
 * object whose values are strings or integers. Anything else (nesting, arrays, booleans, fractions,
 * duplicate names, trailing text) is refused, which a code signed here never has. It exists because
 * a general JSON parser cost a fifth of a gate's verification time.
 */
final class FlatClaims {

    private final String json;
    private int at;
    private final Map<String, Object> values = new HashMap<>(8);

    private FlatClaims(String json) {
        this.json = json;
    }

    /** The claims, or an {@link IllegalArgumentException} when the text is not a flat object. */
    static FlatClaims parse(String json) {
        FlatClaims claims = new FlatClaims(json);
        claims.object();
        return claims;
    }

    @Nullable String string(String name) {
        Object value = values.get(name);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("Claim " + name + " is not a string");
        }
        return (String) value;
    }

    @Nullable Long number(String name) {
        Object value = values.get(name);
        if (value != null && !(value instanceof Long)) {
            throw new IllegalArgumentException("Claim " + name + " is not a number");
        }
        return (Long) value;
    }

    private void object() {
        space();
        expect('{');
        space();
        if (peek() == '}') {
            at++;
        } else {
            while (true) {
                space();
                String name = text();
                space();
                expect(':');
                space();
                Object value = peek() == '"' ? text() : integer();
                if (values.put(name, value) != null) {
                    throw new IllegalArgumentException("Claim " + name + " twice");
                }
                space();
                char next = next();
                if (next == '}') {
                    break;
                }
                if (next != ',') {
                    throw new IllegalArgumentException("Expected , or } at " + (at - 1));
                }
            }
        }
        space();
        if (at != json.length()) {
            throw new IllegalArgumentException("Text after the claims");
        }
    }

    private String text() {
        expect('"');
        int start = at;
        while (at < json.length()) {
            char c = json.charAt(at);
            if (c == '"') {
                return json.substring(start, at++);
            }
            if (c == '\\' || c < 0x20) {
                return escapedText(start);
            }
            at++;
        }
        throw new IllegalArgumentException("Unterminated string");
    }

    private String escapedText(int start) {
        StringBuilder out = new StringBuilder(json.length() - start).append(json, start, at);
        while (at < json.length()) {
            char c = json.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("Control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > json.length()) {
                        throw new IllegalArgumentException("Short \\u escape");
                    }
                    out.append((char) Integer.parseInt(json, at, at + 4, 16));
                    at += 4;
                }
                default -> throw new IllegalArgumentException("Unknown escape \\" + escape);
            }
        }
        throw new IllegalArgumentException("Unterminated string");
    }

    private Long integer() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        int digits = at;
        while (at < json.length() && json.charAt(at) >= '0' && json.charAt(at) <= '9') {
            at++;
        }
        if (at == digits || at - digits > 18) {
            throw new IllegalArgumentException("Expected an integer at " + start);
        }
        return Long.parseLong(json, start, at, 10);
    }

    private void space() {
        while (at < json.length()) {
            char c = json.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private char peek() {
        if (at >= json.length()) {
            throw new IllegalArgumentException("Claims end too early");
        }
        return json.charAt(at);
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private void expect(char wanted) {
        if (next() != wanted) {
            throw new IllegalArgumentException("Expected " + wanted + " at " + (at - 1));
        }
    }
}
