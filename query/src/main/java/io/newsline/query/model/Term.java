package io.newsline.query.model;

/**
 * An outlet or a search word, shared by every event that has it, with the events that have it.
 */
final class Term {
  final String text;
  final Postings events = new Postings();

  Term(String text) {
    this.text = text;
  }
}
