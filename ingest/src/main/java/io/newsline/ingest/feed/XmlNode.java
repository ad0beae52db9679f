package io.newsline.ingest.feed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small XML element tree (feeds are small): name, namespace, attributes, mixed content. */
final class XmlNode {
  final String name;
  final String namespace;
  final Map<String, String> attributes = new LinkedHashMap<>();
  /** Children in document order: XmlNode or String (text). */
  final List<Object> content = new ArrayList<>();

  XmlNode(String name, String namespace) {
    this.name = name;
    this.namespace = namespace == null ? "" : namespace;
  }

  List<XmlNode> children() {
    List<XmlNode> out = new ArrayList<>();
    for (Object o : content) {
      if (o instanceof XmlNode n) {
        out.add(n);
      }
    }
    return out;
  }

  List<XmlNode> children(String localName) {
    List<XmlNode> out = new ArrayList<>();
    for (XmlNode n : children()) {
      if (n.name.equals(localName)) {
        out.add(n);
      }
    }
    return out;
  }

  XmlNode child(String localName) {
    for (Object o : content) {
      if (o instanceof XmlNode n && n.name.equals(localName)) {
        return n;
      }
    }
    return null;
  }

  XmlNode child(String localName, String ns) {
    for (Object o : content) {
      if (o instanceof XmlNode n && n.name.equals(localName) && n.namespace.equals(ns)) {
        return n;
      }
    }
    return null;
  }

  /** The text of this element and its descendants. */
  String text() {
    StringBuilder sb = new StringBuilder();
    appendText(sb);
    return sb.toString();
  }

  private void appendText(StringBuilder sb) {
    for (Object o : content) {
      if (o instanceof String s) {
        sb.append(s);
      } else {
        ((XmlNode) o).appendText(sb);
      }
    }
  }

  /** How often {@code c} occurs in the text and attribute values of this element and its descendants. */
  int count(char c) {
    int n = 0;
    for (String v : attributes.values()) {
      n += count(v, c);
    }
    for (Object o : content) {
      n += o instanceof String s ? count(s, c) : ((XmlNode) o).count(c);
    }
    return n;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) {
      n++;
    }
    return n;
  }

  /** The children as markup (Atom type="xhtml" content). */
  String innerXml() {
    StringBuilder sb = new StringBuilder();
    for (Object o : content) {
      if (o instanceof String s) {
        sb.append(escape(s));
      } else {
        ((XmlNode) o).appendXml(sb);
      }
    }
    return sb.toString();
  }

  private void appendXml(StringBuilder sb) {
    sb.append('<').append(name);
    attributes.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
    sb.append('>').append(innerXml()).append("</").append(name).append('>');
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
