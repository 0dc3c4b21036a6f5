package io.flexgate.eap.anyconnect.profile;

import io.flexgate.api.anyconnect.AnyConnectProfiles.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds every broken tag of a profile, for the operator's error message. An XML parser stops at the
 * first fatal error and names the place where it noticed it, which for a start tag without {@code >} is
 * the next line; this scan names the tag itself and goes on to the end, so one load reports every
 * defect of a hand-edited profile (the seed's sample has two: an unclosed root start tag and an element
 * name with a space, {@code <RSA SecurIDIntegration ...>}).
 *
 * <p>It only looks at tags (W3C XML 1.0 sections 3.1 and 2.5-2.8: start tags, end tags, comments,
 * processing instructions, CDATA, declarations); the parser stays the judge of well-formedness.
 */
final class StartTagLint {

    /** Reporting stops after this many problems. */
    static final int MAX_PROBLEMS = 10;

    private final String text;
    private final List<Problem> problems = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int column = 1;

    private StartTagLint(String text) {
        this.text = text;
    }

    /** The tag problems of {@code text}, in file order, at most {@link #MAX_PROBLEMS}. */
    static List<Problem> scan(String text) {
        StartTagLint lint = new StartTagLint(text);
        lint.run();
        return List.copyOf(lint.problems);
    }

    private void run() {
        while (pos < text.length() && problems.size() < MAX_PROBLEMS) {
            if (text.charAt(pos) != '<') {
                advance();
            } else if (text.startsWith("<!--", pos)) {
                skipPast("-->");
            } else if (text.startsWith("<![CDATA[", pos)) {
                skipPast("]]>");
            } else if (text.startsWith("<?", pos)) {
                skipPast("?>");
            } else if (text.startsWith("<!", pos)) {
                skipPast(">");
            } else if (text.startsWith("</", pos)) {
                endTag();
            } else {
                startTag();
            }
        }
    }

    private void startTag() {
        int tagLine = line;
        int tagColumn = column;
        advance();
        String name = name();
        if (name.isEmpty()) {
            report(tagLine, tagColumn, "'<' not followed by an element name (write &lt; for a literal '<')");
            return;
        }
        while (true) {
            skipBlanks();
            if (pos >= text.length() || text.charAt(pos) == '<') {
                report(tagLine, tagColumn, "start tag <" + name + " is not closed with '>' before "
                        + (pos >= text.length() ? "the end of the file" : "line " + line + ", column " + column));
                return;
            }
            if (text.charAt(pos) == '>') {
                advance();
                return;
            }
            if (text.startsWith("/>", pos)) {
                advance();
                advance();
                return;
            }
            int attrLine = line;
            int attrColumn = column;
            String attribute = name();
            if (attribute.isEmpty()) {
                report(line, column, "unexpected '" + text.charAt(pos) + "' in start tag <" + name + ">");
                advance();
                continue;
            }
            skipBlanks();
            if (pos < text.length() && text.charAt(pos) == '=') {
                advance();
                skipBlanks();
                value(name, attribute);
            } else {
                report(attrLine, attrColumn, "'" + attribute + "' in start tag <" + name + " has no '=\"value\"'"
                        + " (an element name cannot contain a space: <" + name + " " + attribute + ">?)");
            }
        }
    }

    private void value(String element, String attribute) {
        char quote = pos < text.length() ? text.charAt(pos) : 0;
        if (quote != '"' && quote != '\'') {
            report(line, column, "value of attribute " + attribute + " of <" + element + "> is not quoted");
            return;
        }
        advance();
        while (pos < text.length() && text.charAt(pos) != quote) {
            if (text.charAt(pos) == '<') {
                report(line, column, "'<' inside the value of attribute " + attribute + " of <" + element + ">");
                return;
            }
            advance();
        }
        advance();
    }

    private void endTag() {
        int tagLine = line;
        int tagColumn = column;
        advance();
        advance();
        String name = name();
        skipBlanks();
        if (pos < text.length() && text.charAt(pos) == '>') {
            advance();
            return;
        }
        int extraLine = line;
        int extraColumn = column;
        StringBuilder extra = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '>' && text.charAt(pos) != '<') {
            extra.append(text.charAt(pos));
            advance();
        }
        report(extraLine, extraColumn, "end tag </" + name + "> (line " + tagLine + ", column " + tagColumn
                + ") holds '" + extra.toString().strip() + "' after the name");
    }

    /** An XML Name, simplified: letters, digits and {@code _ : . -} (W3C XML 1.0 section 2.3). */
    private String name() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            boolean nameChar = Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '.' || c == '-';
            if (!nameChar || (pos == start && (Character.isDigit(c) || c == '.' || c == '-'))) {
                break;
            }
            advance();
        }
        return text.substring(start, pos);
    }

    private void skipBlanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            advance();
        }
    }

    private void skipPast(String terminator) {
        while (pos < text.length() && !text.startsWith(terminator, pos)) {
            advance();
        }
        for (int i = 0; i < terminator.length() && pos < text.length(); i++) {
            advance();
        }
    }

    private void advance() {
        if (pos < text.length() && text.charAt(pos) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        pos++;
    }

    private void report(int atLine, int atColumn, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new Problem(atLine, atColumn, message));
        }
    }
}
