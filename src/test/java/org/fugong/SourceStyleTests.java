package org.fugong;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the formatter does not check: a type is named by its simple name and imported, never written
 * out with its package in the code (javadoc links and string literals aside).
 */
class SourceStyleTests {

    /** A qualified type name: lower-case package segments, then a capitalised name. */
    private static final Pattern QUALIFIED =
            Pattern.compile("(?<![\\w.\"])(?:java|javax|jakarta|org|io|com|tools)\\.(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*");

    @Test
    void noTypeIsWrittenWithItsPackageInTheCode() {
        List<String> found = new ArrayList<>();
        found.addAll(qualifiedNames(TableOwnership.read(Path.of("src/main/java"), ".java")));
        found.addAll(qualifiedNames(TableOwnership.read(Path.of("src/test/java"), ".java")));
        assertThat(found).isEmpty();
    }

    @Test
    void theCheckFindsAQualifiedNameInCodeButNotInImportsCommentsOrText() {
        var source = """
                package org.fugong.sample;

                import java.util.List;

                /** See {@link java.util.Map} and java.time.Clock. */
                class Sample {
                    // java.time.Instant in a comment
                    private final java.time.Clock clock = null;
                    String text = "org.fugong.Sample in a string";
                }""";
        assertThat(qualifiedNames(Map.of("Sample.java", source))).containsExactly("Sample.java:8: java.time.Clock");
    }

    static List<String> qualifiedNames(Map<String, String> sources) {
        List<String> found = new ArrayList<>();
        sources.forEach((path, source) -> {
            String[] lines = withoutCommentsAndText(source).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.startsWith("import ") || line.startsWith("package ")) {
                    continue;
                }
                Matcher m = QUALIFIED.matcher(line);
                while (m.find()) {
                    found.add(path + ":" + (i + 1) + ": " + m.group());
                }
            }
        });
        return found;
    }

    /** The source with comments and string literals blanked out, lines kept where they were. */
    private static String withoutCommentsAndText(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            int end;
            if (source.startsWith("//", i)) {
                end = source.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (source.startsWith("/*", i)) {
                end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                end = i + 1;
                while (end < n && source.charAt(end) != quote && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
            } else {
                out.append(source.charAt(i++));
                continue;
            }
            for (int k = i; k < end; k++) {
                out.append(source.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return out.toString();
    }
}
