package io.newsline.ingest.feed;

import io.newsline.ingest.IngestError;
import io.newsline.ingest.fetch.FetchException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses untrusted XML into an {@link XmlNode} tree with StAX, refusing what makes XML dangerous:
 * a document with a DTD (the carrier of external entities, XXE, and of entity-expansion bombs such
 * as billion laughs) is rejected outright, external entities and DTD processing are switched off
 * in the parser as well, and depth and element count are bounded.
 */
final class SecureXml {
  static final int MAX_DEPTH = 64;
  static final int MAX_ELEMENTS = 500_000;
  private static final XMLInputFactory FACTORY = factory();

  private SecureXml() {}

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setXMLReporter((message, type, info, location) -> { }); // errors surface as exceptions, not on stderr
    trySet(f, "http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit", "0");
    trySet(f, "http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_DEPTH));
    return f;
  }

  private static void trySet(XMLInputFactory f, String key, String value) {
    try {
      f.setProperty(key, value);
    } catch (IllegalArgumentException e) {
      // another StAX implementation; the DTD refusal below still holds
    }
  }

  /** Parses a document already decoded (see FeedParser: bytes are decoded strictly there). */
  static XmlNode parse(String text, String url) {
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(new StringReader(text));
      return tree(r, url);
    } catch (XMLStreamException e) {
      if (message(e).contains("DOCTYPE") || message(e).contains("DTD")) {
        throw dtdRefused(url);
      }
      throw new FetchException(IngestError.XML_MALFORMED, url + ": malformed XML: " + message(e), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing to release
        }
      }
    }
  }

  private static XmlNode tree(XMLStreamReader r, String url) throws XMLStreamException {
    Deque<XmlNode> stack = new ArrayDeque<>();
    XmlNode root = null;
    int elements = 0;
    while (r.hasNext()) {
      int ev = r.next();
      switch (ev) {
        case XMLStreamConstants.DTD -> throw dtdRefused(url);
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw new FetchException(IngestError.XML_DTD_REFUSED, url + ": entity reference &" + r.getLocalName() + "; refused (entities are not expanded)");
        case XMLStreamConstants.START_ELEMENT -> {
          if (++elements > MAX_ELEMENTS) {
            throw new FetchException(IngestError.XML_MALFORMED, url + ": more than " + MAX_ELEMENTS + " XML elements");
          }
          if (stack.size() >= MAX_DEPTH) {
            throw new FetchException(IngestError.XML_MALFORMED, url + ": XML nested deeper than " + MAX_DEPTH + " levels");
          }
          XmlNode n = new XmlNode(r.getLocalName(), r.getNamespaceURI());
          for (int i = 0; i < r.getAttributeCount(); i++) {
            String prefix = r.getAttributePrefix(i);
            String key = prefix == null || prefix.isEmpty() ? r.getAttributeLocalName(i) : prefix + ":" + r.getAttributeLocalName(i);
            n.attributes.put(key, r.getAttributeValue(i));
          }
          if (stack.isEmpty()) {
            root = n;
          } else {
            stack.peek().content.add(n);
          }
          stack.push(n);
        }
        case XMLStreamConstants.END_ELEMENT -> stack.pop();
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (!stack.isEmpty()) {
            stack.peek().content.add(r.getText());
          }
        }
        default -> {
          // comments, processing instructions, document start and end
        }
      }
    }
    if (root == null) {
      throw new FetchException(IngestError.XML_MALFORMED, url + ": empty XML document");
    }
    return root;
  }

  private static FetchException dtdRefused(String url) {
    return new FetchException(IngestError.XML_DTD_REFUSED,
        url + ": feed declares a DTD (<!DOCTYPE>); refused, since DTDs carry external entities (XXE) and entity expansion bombs");
  }

  private static String message(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s+", " ").strip();
  }
}
