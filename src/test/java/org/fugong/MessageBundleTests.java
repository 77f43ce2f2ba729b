package org.fugong;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

/** Every visible word comes from the bundles, and the two bundles carry the same keys. */
class MessageBundleTests {

    static final Path RESOURCES = Path.of("src/main/resources");
    static final Path TEMPLATES = RESOURCES.resolve("templates");
    /** Text in markup that is not a word of either language: punctuation, digits, placeholders. */
    static final Pattern WORDS = Pattern.compile("[\\p{IsLatin}\\p{IsHan}]{2,}");

    static final Set<String> TEXT_ATTRIBUTES = Set.of("title", "placeholder", "alt", "aria-label", "label");
    /** A value is visible text only on buttons. */
    static final Set<String> BUTTON_TYPES = Set.of("submit", "button", "reset");

    @Test
    void bundlesHaveTheSameKeys() throws IOException {
        Set<String> english = load("messages.properties").stringPropertyNames();
        Set<String> chinese = load("messages_zh_CN.properties").stringPropertyNames();
        assertThat(new TreeSet<>(chinese)).isEqualTo(new TreeSet<>(english));
    }

    @Test
    void noMessageIsEmpty() throws IOException {
        for (String bundle : List.of("messages.properties", "messages_zh_CN.properties")) {
            Properties messages = load(bundle);
            assertThat(messages.stringPropertyNames())
                    .allSatisfy(key -> assertThat(messages.getProperty(key))
                            .as(bundle + " " + key)
                            .isNotBlank());
        }
    }

    @Test
    void chineseBundleIsTranslated() throws IOException {
        Properties chinese = load("messages_zh_CN.properties");
        long han = chinese.stringPropertyNames().stream()
                .filter(key -> chinese.getProperty(key)
                        .codePoints()
                        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .count();
        // Only names that stay the same in both languages (English, the brand mark) may lack Chinese characters.
        assertThat(han).isGreaterThan(chinese.size() - 5);
    }

    @Test
    void everyKeyUsedInTemplatesExists() throws IOException {
        Set<String> keys = load("messages.properties").stringPropertyNames();
        // #{key}, and keys handed to fragments as quoted text ('key', or 'key|end' for a list's column).
        Pattern literalKey =
                Pattern.compile("#\\{([a-zA-Z][\\w.-]*)[}(]|'([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)+)(?:\\|[a-z]+)?'");
        List<String> missing = new ArrayList<>();
        for (Path template : templates()) {
            Matcher m = literalKey.matcher(Files.readString(template));
            while (m.find()) {
                String key = m.group(1) != null ? m.group(1) : m.group(2);
                if (!keys.contains(key)) {
                    missing.add(TEMPLATES.relativize(template) + ": " + key);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void templatesContainNoLiteralText() throws IOException {
        List<String> literals = new ArrayList<>();
        for (Path template : templates()) {
            Document document = Jsoup.parse(Files.readString(template));
            for (Element element : document.getAllElements()) {
                if (element.tagName().equals("script") || element.tagName().equals("style")) {
                    continue;
                }
                for (TextNode text : element.textNodes()) {
                    if (WORDS.matcher(text.text()).find() && !replacedByThymeleaf(element)) {
                        literals.add(TEMPLATES.relativize(template) + ": <" + element.tagName() + "> "
                                + text.text().trim());
                    }
                }
                element.attributes().forEach(attribute -> {
                    boolean visible = TEXT_ATTRIBUTES.contains(attribute.getKey())
                            || (attribute.getKey().equals("value")
                                    && element.tagName().equals("input")
                                    && BUTTON_TYPES.contains(element.attr("type")));
                    if (visible && WORDS.matcher(attribute.getValue()).find()) {
                        literals.add(TEMPLATES.relativize(template) + ": " + attribute.getKey() + "=\""
                                + attribute.getValue() + "\"");
                    }
                });
            }
        }
        assertThat(literals).isEmpty();
    }

    @Test
    void literalTextCheckCatchesAWordInMarkup() {
        Document document = Jsoup.parse("<p>Welcome</p><p th:text=\"#{home.title}\">x</p>");
        Element literal = document.select("p").first();
        assertThat(WORDS.matcher(literal.text()).find() && !replacedByThymeleaf(literal))
                .isTrue();
        assertThat(replacedByThymeleaf(document.select("p").get(1))).isTrue();
    }

    private static boolean replacedByThymeleaf(Element element) {
        for (Element e = element; e != null; e = e.parent()) {
            if (e.hasAttr("th:text") || e.hasAttr("th:utext") || e.hasAttr("th:replace") || e.hasAttr("th:insert")) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".html")).toList();
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (var reader =
                new InputStreamReader(Files.newInputStream(RESOURCES.resolve(name)), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
