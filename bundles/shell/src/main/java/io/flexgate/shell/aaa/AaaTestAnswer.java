package io.flexgate.shell.aaa;

import io.flexgate.api.aaa.AuthResult;

/** The lines IOS {@code test aaa} prints for an answer. */
final class AaaTestAnswer {

    private AaaTestAnswer() {
    }

    static String text(AuthResult result) {
        if (result instanceof AuthResult.Accepted accepted) {
            return "User successfully authenticated (" + accepted.username() + ")";
        }
        if (result instanceof AuthResult.Rejected rejected) {
            return "User rejected (" + rejected.reason() + ")";
        }
        return "No authoritative response from any server (" + ((AuthResult.Unavailable) result).reason() + ")";
    }
}
