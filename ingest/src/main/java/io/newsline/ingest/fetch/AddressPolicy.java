package io.newsline.ingest.fetch;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Set;

/**
 * Which addresses a URL found in feed content may reach (server-side request forgery defence).
 * Public unicast addresses always; private ones (loopback, RFC 1918, shared CGNAT space,
 * unique-local IPv6 and other non-public ranges) only when the operator allows private networks;
 * never the unspecified address, link-local addresses (169.254.0.0/16 holds cloud metadata
 * services), multicast or broadcast. IPv6 forms that carry an IPv4 address (IPv4-mapped,
 * IPv4-compatible, NAT64, 6to4) are judged by the IPv4 address they carry; everything outside
 * global unicast (2000::/3) is not public.
 */
final class AddressPolicy {
  private final boolean allowPrivate;
  private final Set<InetAddress> treatedAsPublic;

  AddressPolicy(boolean allowPrivate) {
    this(allowPrivate, Set.of());
  }

  /** Tests only: these addresses count as public (tests can reach nothing but loopback). */
  AddressPolicy(boolean allowPrivate, Set<InetAddress> treatedAsPublic) {
    this.allowPrivate = allowPrivate;
    this.treatedAsPublic = Set.copyOf(treatedAsPublic);
  }

  /** How an address may be used. */
  enum Kind {
    PUBLIC,
    /** Not public, but a legitimate target inside a private network. */
    PRIVATE,
    /** Never a target: unspecified, link-local, multicast, broadcast. */
    NEVER
  }

  /** An address's kind and what it is, for messages ("a loopback address"). */
  record Verdict(Kind kind, String what) {}

  /** Null when the address may be reached, else what it is (e.g. "loopback"). */
  String refusal(InetAddress a) {
    if (treatedAsPublic.contains(a)) {
      return null;
    }
    Verdict v = classify(a);
    return v.kind == Kind.PUBLIC || (v.kind == Kind.PRIVATE && allowPrivate) ? null : v.what;
  }

  static Verdict classify(InetAddress a) {
    byte[] b = a.getAddress();
    return a instanceof Inet4Address ? v4(b, 0, "") : v6(b);
  }

  private static Verdict v4(byte[] b, int o, String form) {
    int x0 = b[o] & 0xff;
    int x1 = b[o + 1] & 0xff;
    int x2 = b[o + 2] & 0xff;
    int x3 = b[o + 3] & 0xff;
    if (x0 == 0) {
      return never(form + "unspecified (0.0.0.0/8)");
    }
    if (x0 == 169 && x1 == 254) {
      return never(form + "link-local (169.254.0.0/16)");
    }
    if (x0 >= 224 && x0 <= 239) {
      return never(form + "multicast");
    }
    if (x0 == 255 && x1 == 255 && x2 == 255 && x3 == 255) {
      return never(form + "broadcast");
    }
    if (x0 == 127) {
      return priv(form + "loopback");
    }
    if (x0 == 10 || (x0 == 172 && x1 >= 16 && x1 <= 31) || (x0 == 192 && x1 == 168)) {
      return priv(form + "private");
    }
    if (x0 == 100 && x1 >= 64 && x1 <= 127) {
      return priv(form + "shared (CGNAT, 100.64.0.0/10)");
    }
    if (x0 == 192 && x1 == 0 && (x2 == 0 || x2 == 2)) {
      return priv(form + (x2 == 0 ? "IETF protocol assignment" : "documentation"));
    }
    if ((x0 == 198 && x1 == 51 && x2 == 100) || (x0 == 203 && x1 == 0 && x2 == 113)) {
      return priv(form + "documentation");
    }
    if (x0 == 198 && (x1 == 18 || x1 == 19)) {
      return priv(form + "benchmarking (198.18.0.0/15)");
    }
    if (x0 == 192 && x1 == 88 && x2 == 99) {
      return priv(form + "6to4 relay");
    }
    if (x0 >= 240) {
      return priv(form + "reserved (240.0.0.0/4)");
    }
    return new Verdict(Kind.PUBLIC, form + "public");
  }

  private static Verdict v6(byte[] b) {
    int u0 = u16(b, 0);
    int u1 = u16(b, 2);
    if (allZero(b, 0, 10)) {
      if (u16(b, 10) == 0xffff) {
        return v4(b, 12, "IPv4-mapped ");
      }
      if (u16(b, 10) == 0) {
        if (allZero(b, 10, 16)) {
          return never("unspecified (::)");
        }
        if (allZero(b, 10, 15) && b[15] == 1) {
          return priv("loopback");
        }
        return worst(v4(b, 12, "IPv4-compatible "), priv("IPv4-compatible"));
      }
    }
    if (u0 == 0x0064 && u1 == 0xff9b) {
      if (allZero(b, 4, 12)) {
        return v4(b, 12, "NAT64 ");
      }
      return priv("local-use NAT64 (64:ff9b:1::/48)");
    }
    if (u0 == 0x2002) {
      return worst(v4(b, 2, "6to4 "), new Verdict(Kind.PUBLIC, "6to4"));
    }
    if ((b[0] & 0xff) == 0xff) {
      return never("multicast (ff00::/8)");
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
      return never("link-local (fe80::/10)");
    }
    if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return priv("site-local (fec0::/10)");
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return priv("unique-local (fc00::/7)");
    }
    if (u0 == 0x2001 && u1 == 0x0db8) {
      return priv("documentation (2001:db8::/32)");
    }
    if (u0 == 0x2001 && u1 < 0x0200) {
      return priv("IETF protocol assignment (2001::/23, Teredo included)");
    }
    if ((b[0] & 0xe0) != 0x20) {
      return priv("reserved (outside 2000::/3)");
    }
    return new Verdict(Kind.PUBLIC, "public");
  }

  /** The less reachable of two verdicts. */
  private static Verdict worst(Verdict a, Verdict b) {
    return a.kind.ordinal() >= b.kind.ordinal() ? a : b;
  }

  private static Verdict priv(String what) {
    return new Verdict(Kind.PRIVATE, what);
  }

  private static Verdict never(String what) {
    return new Verdict(Kind.NEVER, what);
  }

  private static int u16(byte[] b, int i) {
    return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
