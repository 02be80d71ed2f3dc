package dev.chainrule.examples.sequence;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Embedding;
import dev.chainrule.nn.Init;
import dev.chainrule.nn.LSTMCell;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Recurrent;
import dev.chainrule.nn.RecurrentState;
import java.util.SplittableRandom;

/**
 * A character-level language model: each character's embedding into an LSTM, and a dense layer
 * from the LSTM's hidden state to the logits of the next character.
 */
final class CharLstm extends Module {
  private final int vocabulary;
  private final Embedding embed;
  private final Recurrent lstm;
  private final Dense head;

  CharLstm(int vocabulary, int embedding, int hidden, SplittableRandom rng) {
    this.vocabulary = vocabulary;
    this.embed = child("embed", new Embedding(vocabulary, embedding, rng));
    this.lstm = child("lstm", new Recurrent(new LSTMCell(embedding, hidden, rng)));
    this.head = child("head", new Dense(hidden, vocabulary, Init.xavier(), rng));
  }

  /** Logits [batch, time, vocabulary] of the next character and the LSTM's last state. */
  record Pass(Tensor logits, RecurrentState last) {}

  /** Reads ids [batch, time] (character ids as whole numbers) from {@code state} (null: zeros). */
  Pass run(Tensor ids, RecurrentState state) {
    Recurrent.Result r = lstm.run(embed.forward(ids), state);
    return new Pass(head.forward(r.outputs()), r.last());
  }

  /** Logits [batch, time, vocabulary] for ids [batch, time], from the zero state. */
  @Override public Tensor forward(Tensor ids) {
    return run(ids, null).logits();
  }

  /** Number of characters the model predicts over. */
  int vocabulary() { return vocabulary; }

  @Override public String toString() {
    return "CharLstm(" + embed + ", " + lstm + ", " + head + ")";
  }
}
