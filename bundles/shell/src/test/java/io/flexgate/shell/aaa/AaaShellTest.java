package io.flexgate.shell.aaa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.aaa.AuthResult;
import io.flexgate.api.aaa.AuthorizationAttributes;
import io.flexgate.api.aaa.LocalUserAdmin.UserChange;
import org.junit.jupiter.api.Test;

class AaaShellTest {

    @Test
    void answersReadLikeIosTestAaa() {
        assertThat(AaaTestAnswer.text(new AuthResult.Accepted("test", AuthorizationAttributes.NONE)))
                .startsWith("User successfully authenticated");
        assertThat(AaaTestAnswer.text(new AuthResult.Rejected("test", "wrong password")))
                .isEqualTo("User rejected (wrong password)");
        assertThat(AaaTestAnswer.text(new AuthResult.Unavailable("timeout")))
                .startsWith("No authoritative response from any server");
    }

    @Test
    void refusalIsAnErrorForScripts() {
        assertThat(UserChanges.describe(new UserChange.Added("test", false))).isEqualTo("User test added");
        assertThat(UserChanges.describe(new UserChange.Added("test", true))).isEqualTo("User test: password changed");
        assertThatThrownBy(() -> UserChanges.describe(new UserChange.Refused("test", "defined in configuration")))
                .hasMessage("User test: defined in configuration");
    }

    @Test
    void filterValuesAreEscaped() {
        assertThat(AaaTestCommand.escape("a*(b)\\")).isEqualTo("a\\*\\(b\\)\\\\");
    }
}
