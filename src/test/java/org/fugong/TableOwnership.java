package org.fugong;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which module owns which table, and who names a table that is not theirs. Ownership follows the
 * migrations: {@code V<n>__<module>_<what>.sql} creates the tables (and views and functions) of that
 * module. A module's SQL — the string literals of its Java sources and its own migrations — may
 * name only its own tables; a foreign key to another module's table is the one exception, since it
 * keeps the data whole without any module reading through it.
 */
final class TableOwnership {

    /** A module naming a table (or calling a function) that another module owns. */
    record Violation(String where, String module, String name, String owner) {
        @Override
        public String toString() {
            return where + ": " + module + " names " + owner + "'s " + name;
        }
    }

    private static final Pattern MIGRATION = Pattern.compile("V\\d+__([a-z]+)_.*\\.sql");
    private static final Pattern CREATES = Pattern.compile(
            "\\bcreate\\s+(?:table(?:\\s+if\\s+not\\s+exists)?|(?:materialized\\s+)?view|(?:or\\s+replace\\s+)?function)\\s+([a-z_][a-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);
    /** Where SQL names a table: after from, join, into, update, table, delete from, and an index's "on". */
    private static final Pattern NAMES_TABLE = Pattern.compile(
            "\\b(?:from|join|into|update|table|exists|on)\\s+([a-z_][a-z0-9_]*)\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern CALLS = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern FOREIGN_KEY =
            Pattern.compile("\\breferences\\s+[a-z_][a-z0-9_]*", Pattern.CASE_INSENSITIVE);

    private final Map<String, String> tables = new TreeMap<>();
    private final Map<String, String> functions = new TreeMap<>();

    /** The owners of everything the migrations create, by migration file name. */
    static TableOwnership of(Map<String, String> migrations) {
        TableOwnership ownership = new TableOwnership();
        migrations.forEach((name, sql) -> {
            String module = moduleOf(name);
            Matcher m = CREATES.matcher(withoutComments(sql));
            while (m.find()) {
                boolean function = m.group(0).toLowerCase(Locale.ROOT).contains("function");
                (function ? ownership.functions : ownership.tables)
                        .put(m.group(1).toLowerCase(Locale.ROOT), module);
            }
        });
        return ownership;
    }

    static String moduleOf(String migration) {
        Matcher m = MIGRATION.matcher(migration);
        if (!m.matches()) {
            throw new IllegalArgumentException(migration + " is not named V<n>__<module>_<what>.sql");
        }
        return m.group(1);
    }

    Map<String, String> tables() {
        return tables;
    }

    /** What the migrations of other modules name of this one, a foreign key aside. */
    List<Violation> inMigrations(Map<String, String> migrations) {
        List<Violation> violations = new ArrayList<>();
        migrations.forEach((name, sql) -> {
            String module = moduleOf(name);
            String text = FOREIGN_KEY.matcher(withoutComments(sql)).replaceAll(" ");
            violations.addAll(check(name, module, List.of(text), false));
        });
        return violations;
    }

    /** What the SQL in a module's Java sources names of other modules: path (relative to org/fugong) → source. */
    List<Violation> inSources(Map<String, String> sources) {
        List<Violation> violations = new ArrayList<>();
        sources.forEach((path, source) -> {
            int slash = path.indexOf('/');
            if (slash < 0) {
                return;
            }
            violations.addAll(check(path, path.substring(0, slash), stringLiterals(source), true));
        });
        return violations;
    }

    private List<Violation> check(String where, String module, List<String> texts, boolean withFunctions) {
        Map<String, Violation> found = new LinkedHashMap<>();
        for (String text : texts) {
            Matcher m = NAMES_TABLE.matcher(text);
            while (m.find()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                String owner = tables.get(name);
                if (owner != null && !owner.equals(module)) {
                    found.putIfAbsent(name, new Violation(where, module, name, owner));
                }
            }
            if (withFunctions) {
                Matcher call = CALLS.matcher(text);
                while (call.find()) {
                    String name = call.group(1).toLowerCase(Locale.ROOT);
                    String owner = functions.get(name);
                    if (owner != null && !owner.equals(module)) {
                        found.putIfAbsent(name, new Violation(where, module, name + "()", owner));
                    }
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** The string literals and text blocks of a Java source, comments and character literals skipped. */
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                i = source.indexOf('\n', i);
                i = i < 0 ? n : i;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                i = source.indexOf("*/", i + 2);
                i = i < 0 ? n : i + 2;
            } else if (c == '\'') {
                i = skipQuoted(source, i + 1, '\'');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end;
                literals.add(source.substring(i + 3, end));
                i = end + 3;
            } else if (c == '"') {
                int end = skipQuoted(source, i + 1, '"');
                literals.add(source.substring(i + 1, Math.max(i + 1, end - 1)));
                i = end;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static int skipQuoted(String source, int from, char quote) {
        int i = from;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote || c == '\n') {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("--[^\n]*", " ");
    }

    /** The files below a folder with an ending, by their path relative to it (with forward slashes). */
    static Map<String, String> read(Path root, String ending) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(ending)).toList()) {
                files.put(root.relativize(path).toString().replace('\\', '/'), Files.readString(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
