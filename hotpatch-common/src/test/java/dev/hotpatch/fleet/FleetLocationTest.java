package dev.hotpatch.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetLocationTest {
    @Test
    void endpointsAndPrefix() {
        FleetLocation l = FleetLocation.parse("etcd://10.0.0.5:2379,etcd-2.internal:2379/hotpatch/shop/");
        assertThat(l.endpoints()).containsExactly(URI.create("http://10.0.0.5:2379"),
                URI.create("http://etcd-2.internal:2379"));
        assertThat(l.prefix()).isEqualTo("/hotpatch/shop");
        assertThat(l.rolloutKey("fix-1")).isEqualTo("/hotpatch/shop/rollouts/fix-1");
        assertThat(l.statusKey("web-1", 42)).isEqualTo("/hotpatch/shop/status/web-1/42");
        assertThat(l).hasToString("etcd://10.0.0.5:2379,etcd-2.internal:2379/hotpatch/shop");
        assertThat(FleetLocation.parse("etcd://a:1+b:2/p")).isEqualTo(FleetLocation.parse("etcd://a:1,b:2/p"));
        assertThat(FleetLocation.parse("etcds://[::1]:2379/p").endpoints()).containsExactly(URI.create("https://[::1]:2379"));
    }

    @Test
    void malformedLocationsFailWithOneLine() {
        for (List<String> c : List.of(
                List.of("http://h:1/p", "it does not start with etcd:// or etcds://"),
                List.of("etcd://h:1", "it names no key prefix after the endpoints"),
                List.of("etcd://h/p", "endpoint 'h' is not host:port"),
                List.of("etcd://h:1/", "its prefix '/' is not /name[/name...] of letters, digits, '.', '_', '-'"),
                List.of("etcd://h:1/a b", "its prefix '/a b' is not /name[/name...] of letters, digits, '.', '_', '-'"))) {
            assertThatThrownBy(() -> FleetLocation.parse(c.get(0))).isInstanceOf(FleetException.class)
                    .hasMessage("fleet location '" + c.get(0) + "' is not etcd://host:port[,host:port...]/prefix: "
                            + c.get(1));
        }
    }
}
