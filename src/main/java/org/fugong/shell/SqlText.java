package org.fugong.shell;

/** Text for SQL patterns, escaped so that what a user types is matched as typed. */
public final class SqlText {

    private SqlText() {}

    /** A LIKE pattern (escape character backslash, PostgreSQL's default) matching values that contain the text. */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
