package io.flexgate.esp;

import java.util.HexFormat;

/** Hex vectors as the RFCs print them (spaces and line breaks allowed). */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String of(byte[] b, int off, int len) {
        return HexFormat.of().formatHex(b, off, off + len);
    }
}
