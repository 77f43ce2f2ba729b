package org.fugong.shell;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of a keyset-paginated list and the cursor of the next page, if there is one. A list
 * reads one row more than the page holds: if it comes, there is a next page, which starts after the
 * last row shown. The cursor is opaque to clients: the sort key of that row, encoded.
 */
public record Slice<T>(List<T> items, @Nullable String next) {

    public Slice {
        items = List.copyOf(items);
    }

    /** The page of {@code size} rows out of at most {@code size + 1} read, the cursor made from the last one shown. */
    public static <T> Slice<T> of(List<T> rows, int size, Function<T, List<?>> sortKey) {
        if (rows.size() <= size) {
            return new Slice<>(rows, null);
        }
        List<T> page = rows.subList(0, size);
        return new Slice<>(page, cursor(sortKey.apply(page.get(size - 1))));
    }

    public boolean hasNext() {
        return next != null;
    }

    /** A cursor from the sort key of a row (its values as text). */
    public static String cursor(List<?> sortKey) {
        StringBuilder text = new StringBuilder();
        for (Object value : sortKey) {
            text.append(text.isEmpty() ? "" : "\u0000").append(value);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key in a cursor, or a 400 (field {@code after}) for a cursor this application did not make. */
    public static Cursor after(String cursor, int parts) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> values = List.of(text.split("\u0000", -1));
            if (values.size() != parts) {
                throw forged();
            }
            return new Cursor(values);
        } catch (IllegalArgumentException notBase64) {
            throw forged();
        }
    }

    /** The values of a cursor, read back as what they were. */
    public record Cursor(List<String> values) {

        public String text(int index) {
            return values.get(index);
        }

        public UUID uuid(int index) {
            return parse(index, UUID::fromString);
        }

        public Instant instant(int index) {
            return parse(index, Instant::parse);
        }

        public BigDecimal decimal(int index) {
            return parse(index, BigDecimal::new);
        }

        public long number(int index) {
            return parse(index, Long::parseLong);
        }

        private <V> V parse(int index, Function<String, V> parser) {
            try {
                return parser.apply(values.get(index));
            } catch (RuntimeException malformed) {
                throw forged();
            }
        }
    }

    private static InvalidInputException forged() {
        return InvalidInputException.of("after", "error.cursor");
    }
}
