package io.flexgate.ikev2.crypto;

/** A negotiated transform, or combination of transforms, that this suite cannot run. */
public class UnsupportedTransformException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnsupportedTransformException(String message) {
        super(message);
    }
}
