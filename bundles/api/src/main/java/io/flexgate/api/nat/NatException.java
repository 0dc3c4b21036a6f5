package io.flexgate.api.nat;

/** A NAT rule could not be applied; the message says why ({@code nft} missing, interface unknown). */
public class NatException extends Exception {

    private static final long serialVersionUID = 1L;

    public NatException(String message) {
        super(message);
    }

    public NatException(String message, Throwable cause) {
        super(message, cause);
    }
}
