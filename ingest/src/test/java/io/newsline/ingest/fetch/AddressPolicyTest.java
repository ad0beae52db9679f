package io.newsline.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {
  @Test
  void onlyPublicUnicastAddressesAreReachableByDefault() throws Exception {
    Map<String, String> refused = Map.ofEntries(
        Map.entry("127.0.0.1", "loopback"),
        Map.entry("127.255.0.9", "loopback"),
        Map.entry("::1", "loopback"),
        Map.entry("10.1.2.3", "private"),
        Map.entry("172.16.0.1", "private"),
        Map.entry("172.31.255.255", "private"),
        Map.entry("192.168.1.1", "private"),
        Map.entry("100.64.0.1", "shared (CGNAT"),
        Map.entry("169.254.169.254", "link-local"),
        Map.entry("fe80::1", "link-local"),
        Map.entry("fd00::1", "unique-local"),
        Map.entry("fc00::1", "unique-local"),
        Map.entry("0.0.0.0", "unspecified"),
        Map.entry("::", "unspecified"),
        Map.entry("224.0.0.1", "multicast"),
        Map.entry("ff02::1", "multicast"),
        Map.entry("255.255.255.255", "broadcast"),
        Map.entry("240.0.0.1", "reserved"),
        Map.entry("198.18.0.1", "benchmarking"),
        Map.entry("192.0.2.1", "documentation"),
        Map.entry("::7f00:1", "IPv4-compatible loopback"),
        Map.entry("::a9fe:a9fe", "IPv4-compatible link-local"),
        Map.entry("64:ff9b::7f00:1", "NAT64 loopback"),
        Map.entry("64:ff9b::a9fe:a9fe", "NAT64 link-local"),
        Map.entry("2002:7f00:1::1", "6to4 loopback"),
        Map.entry("2002:c0a8:101::1", "6to4 private"),
        Map.entry("2001:db8::1", "documentation"),
        Map.entry("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
        Map.entry("fec0::1", "site-local"),
        Map.entry("100::1", "reserved"));
    AddressPolicy strict = new AddressPolicy(false);
    for (var e : refused.entrySet()) {
      assertThat(strict.refusal(InetAddress.getByName(e.getKey()))).as(e.getKey()).isNotNull().contains(e.getValue());
    }
    // Java reads ::ffff:a.b.c.d as the IPv4 address itself: judged as that
    assertThat(strict.refusal(InetAddress.getByName("::ffff:127.0.0.1"))).contains("loopback");
    assertThat(strict.refusal(InetAddress.getByName("::ffff:169.254.169.254"))).contains("link-local");
    for (String ok : new String[] {"93.184.215.14", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
        "2606:4700::6810:85e5", "2a00:1450:4001:82b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"}) {
      assertThat(strict.refusal(InetAddress.getByName(ok))).as(ok).isNull();
    }
  }

  @Test
  void allowingPrivateNetworksNeverAllowsLinkLocalUnspecifiedOrMulticast() throws Exception {
    AddressPolicy lenient = new AddressPolicy(true);
    for (String ok : new String[] {"127.0.0.1", "::1", "10.0.0.1", "192.168.0.10", "100.64.1.1", "fd12::1"}) {
      assertThat(lenient.refusal(InetAddress.getByName(ok))).as(ok).isNull();
    }
    for (String never : new String[] {"169.254.169.254", "fe80::1", "0.0.0.0", "::", "224.0.0.251", "ff02::1", "255.255.255.255",
        "64:ff9b::a9fe:a9fe"}) {
      assertThat(lenient.refusal(InetAddress.getByName(never))).as(never).isNotNull();
    }
  }
}
