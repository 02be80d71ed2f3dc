package dev.chainrule.examples.sequence;

import java.util.Arrays;

/**
 * The characters of a text, each given an id in code point order: how {@code chainrule char-lm}
 * turns text into class indices and back. Works on UTF-16 chars, so a character outside the
 * basic plane counts as two (none occurs in the course notes).
 */
final class CharVocabulary {
  private final char[] chars;     // id -> char, sorted
  private final int[] ids;        // char -> id, -1 if absent

  /** The vocabulary of every character in {@code text}. */
  CharVocabulary(String text) {
    if (text.isEmpty()) throw new IllegalArgumentException("CharVocabulary: the text is empty");
    this.chars = text.chars().distinct().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString().toCharArray();
    this.ids = new int[Character.MAX_VALUE + 1];
    Arrays.fill(ids, -1);
    for (int i = 0; i < chars.length; i++) ids[chars[i]] = i;
  }

  /** Number of distinct characters. */
  int size() { return chars.length; }

  /** The ids of {@code text}'s characters; a character not in the vocabulary is an error naming it and its offset. */
  int[] encode(String text) {
    int[] out = new int[text.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids[text.charAt(i)];
      if (out[i] < 0) {
        throw new IllegalArgumentException("char-lm: character '" + text.charAt(i) + "' (U+"
            + String.format("%04X", (int) text.charAt(i)) + ") at offset " + i + " is not in the training text's "
            + chars.length + " characters");
      }
    }
    return out;
  }

  /** The character of id {@code id}. */
  char decode(int id) { return chars[id]; }
}
