package io.meridian.sandbox.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Load-balancer addresses: one per owner, from the cluster's range, kept and reused. */
class AddressPoolTest {

    @Test
    void handsOutDistinctAddressesInsideTheRangeAndKeepsThemPerOwner() {
        AddressPool pool = new AddressPool("10.1.2.0/30");

        String a = pool.assign("uid-a", null, null);
        String b = pool.assign("uid-b", null, null);

        assertThat(a).isEqualTo("10.1.2.1");
        assertThat(b).isEqualTo("10.1.2.2");
        assertThat(pool.assign("uid-a", null, null)).isEqualTo(a);
        assertThatThrownBy(() -> pool.assign("uid-c", null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("10.1.2.0/30");

        pool.release("uid-a");
        assertThat(pool.assign("uid-c", null, null)).isEqualTo("10.1.2.1");
    }

    @Test
    void takesOverAnAddressFromTheStatusOrTheSpecWhenFree() {
        AddressPool pool = new AddressPool("192.0.2.0/24");

        assertThat(pool.assign("uid-a", "192.0.2.77", null)).isEqualTo("192.0.2.77");
        assertThat(pool.assign("uid-b", "192.0.2.77", "192.0.2.99"))
                .as("taken by uid-a, so the requested one")
                .isEqualTo("192.0.2.99");
        assertThat(pool.assign("uid-c", "not-an-ip", null)).isEqualTo("192.0.2.1");
        assertThat(pool.contains("192.0.2.254")).isTrue();
        assertThat(pool.contains("192.0.2.255")).isFalse();
    }

    @Test
    void refusesWhatIsNotAnIpv4Range() {
        assertThatThrownBy(() -> new AddressPool("10.0.0.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddressPool("10.0.0.0/31")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AddressPool("10.0.300.0/24")).isInstanceOf(IllegalArgumentException.class);
    }
}
