package io.newsline.enrich.ner.tagger;

import io.newsline.enrich.model.EntityType;

/**
 * BILOU labels over the four CoNLL types: 0 is O; type t has B=1+4t, I=2+4t, L=3+4t, U=4+4t.
 * BILOU rather than IOB lets a linear model learn where names begin and end separately.
 */
public final class Labels {
  public static final EntityType[] TYPES = {
    EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION, EntityType.MISC
  };
  public static final int COUNT = 1 + 4 * TYPES.length;
  public static final int O = 0;
  static final int B = 0;
  static final int I = 1;
  static final int L = 2;
  static final int U = 3;
  private static final boolean[][] ALLOWED = allowed();

  private Labels() {}

  public static int label(int type, int part) {
    return 1 + 4 * type + part;
  }

  public static int type(int label) {
    return (label - 1) / 4;
  }

  public static int part(int label) {
    return (label - 1) % 4;
  }

  /** May label b follow label a? (a = -1: sentence start; b = -1: sentence end). */
  public static boolean allowed(int a, int b) {
    boolean aOpen = a > 0 && (part(a) == B || part(a) == I);
    if (b < 0) {
      return !aOpen;
    }
    boolean bContinues = b > 0 && (part(b) == I || part(b) == L);
    if (aOpen) {
      return bContinues && type(a) == type(b);
    }
    return !bContinues;
  }

  static boolean allowedFast(int a, int b) {
    return ALLOWED[a + 1][b + 1];
  }

  private static boolean[][] allowed() {
    boolean[][] t = new boolean[COUNT + 1][COUNT + 1];
    for (int a = -1; a < COUNT; a++) {
      for (int b = -1; b < COUNT; b++) {
        t[a + 1][b + 1] = allowed(a, b);
      }
    }
    return t;
  }

  public static String name(int label) {
    if (label == O) {
      return "O";
    }
    return "BILU".charAt(part(label)) + "-" + TYPES[type(label)].name();
  }

  public static int typeIndex(EntityType t) {
    for (int i = 0; i < TYPES.length; i++) {
      if (TYPES[i] == t) {
        return i;
      }
    }
    throw new IllegalArgumentException(String.valueOf(t));
  }
}
