package io.flexgate.ios.config;

/**
 * File names between the router's flash and FlexGate's directories. The seed keeps {@code acvpn.xml} and
 * {@code IKEv2-TP.p12} on {@code bootflash:}; FlexGate keeps AnyConnect profiles under {@code etc/anyconnect/}
 * and reads a PKCS#12 file relative to {@code ${karaf.data}}.
 */
final class IosFiles {

    static final String FLASH = "bootflash:";
    static final String ANYCONNECT_DIR = "anyconnect/";

    private IosFiles() {
    }

    /** {@code bootflash:/acvpn.xml} to {@code anyconnect/acvpn.xml}; any other path is kept. */
    static String anyConnectFile(String ios) {
        return ios.startsWith(FLASH) ? ANYCONNECT_DIR + strip(ios) : ios;
    }

    /** The reverse of {@link #anyConnectFile}. */
    static String anyConnectIos(String file) {
        return file.startsWith(ANYCONNECT_DIR) ? FLASH + "/" + file.substring(ANYCONNECT_DIR.length()) : file;
    }

    /** {@code bootflash:IKEv2-TP.p12} to {@code IKEv2-TP.p12}. */
    static String flashFile(String ios) {
        return ios.startsWith(FLASH) ? strip(ios) : ios;
    }

    private static String strip(String ios) {
        String rest = ios.substring(FLASH.length());
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }
}
