package io.flexgate.ikev2;

/** Fixed numbers of RFC 7296 that every part of the engine shares. */
public final class IkeConstants {

    /** IKE_SA_INIT and IKE_AUTH run on this port (RFC 7296 section 2). */
    public static final int IKE_PORT = 500;
    /** NAT traversal and UDP-encapsulated ESP (RFC 3948, RFC 7296 section 2.23). */
    public static final int NAT_T_PORT = 4500;
    /** Major version 2, minor 0. */
    public static final int VERSION = 0x20;

    private IkeConstants() {
    }
}
