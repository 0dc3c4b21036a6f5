package io.flexgate.eap.anyconnect.xml;

/**
 * A document that is not well-formed, breaks one of our hardening rules or exceeds a limit, with the
 * 1-based line and column where the parser stopped (0 when the problem has no place, such as the size).
 */
public final class XmlFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String problem;

    public XmlFormatException(int line, int column, String problem) {
        super(line > 0 ? "line " + line + ", column " + column + ": " + problem : problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the place. */
    public String problem() {
        return problem;
    }
}
