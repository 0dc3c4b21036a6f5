package io.flexgate.shell.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexgate.api.session.SessionRegistry.Selector;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ClearSessionCommandTest {

    @Test
    void eachOptionSelectsItsKindAndNoneSelectsAllAsIosDoes() throws Exception {
        ClearSessionCommand c = new ClearSessionCommand();
        assertThat(c.selector()).isEqualTo(new Selector.All());

        c.peer = "192.0.2.100";
        assertThat(c.selector()).isEqualTo(new Selector.ByPeer(InetAddress.getByName("192.0.2.100")));

        c.peer = null;
        c.id = 8L;
        assertThat(c.selector()).isEqualTo(new Selector.ById(8));

        c.id = null;
        c.user = "test";
        assertThat(c.selector()).isEqualTo(new Selector.ByUser("test"));
    }

    @Test
    void twoOptionsOrAHostNameAreRefusedBeforeAnythingIsCleared() {
        ClearSessionCommand both = new ClearSessionCommand();
        both.peer = "192.0.2.100";
        both.user = "test";
        assertThatThrownBy(both::selector).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most one");

        // A name would be resolved through DNS and might clear someone else's session.
        ClearSessionCommand name = new ClearSessionCommand();
        name.peer = "client.example.com";
        assertThatThrownBy(name::selector).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("address");
    }
}
