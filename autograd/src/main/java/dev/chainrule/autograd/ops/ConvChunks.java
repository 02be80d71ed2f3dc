package dev.chainrule.autograd.ops;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.kernel.Window;

/**
 * How the convolution primitives walk a batch: in chunks of whole images whose column matrices
 * sit side by side, one matrix [taps, images·positions] per chunk and group, so each of the three
 * products is one gemm per chunk instead of one per image. LeNet's second convolution (100
 * positions, 150 taps) then multiplies 800 columns at a time instead of 100, and its weight
 * gradient sums over k = 800 instead of accumulating eight k = 100 products.
 *
 * <p>The chunk size depends on the shapes alone (about {@value #POSITIONS} columns), never on the
 * thread count or timing, so every sum keeps one fixed order: the weight gradient adds the chunks'
 * products in batch order, each summed by the gemm in its own fixed order.
 *
 * <p>A chunk's output rows (channels of the group × images) are not where NCHW keeps them, so
 * they are copied in and out through a [groupOut, images·positions] scratch matrix; a chunk of one
 * image (28x28 outputs and up) is addressed in place.
 */
final class ConvChunks {
  /**
   * Columns of the column matrix per chunk, about: 5 images of 10x10, one of 28x28. Measured on
   * LeNet's second convolution (batch 32, forward plus backward, µs of CPU): 1 image 1,918, about
   * 512 columns 1,601, 1,024 columns 1,784; a chunk's 150 x 500 column matrix (300 KB) stays in L2.
   */
  static final int POSITIONS = 512;

  final Window win;
  final int batch, groups, channels, outChannels, groupOut, taps, positions, images, count;

  /** The chunks of a convolution with input [batch, channels, ...] and {@code outChannels} outputs. */
  ConvChunks(Window win, int batch, int groups, int outChannels) {
    this.win = win;
    this.batch = batch;
    this.groups = groups;
    this.channels = win.channels() * groups;
    this.outChannels = outChannels;
    this.groupOut = outChannels / groups;
    this.taps = win.taps();
    this.positions = win.positions();
    this.images = Math.max(1, Math.min(batch, POSITIONS / Math.max(1, positions)));
    this.count = (batch + images - 1) / images;
  }

  /** The first image of chunk {@code c}. */
  int first(int c) {
    return c * images;
  }

  /** The images in chunk {@code c} (the last one may have fewer). */
  int size(int c) {
    return Math.min(images, batch - first(c));
  }

  /** The row length of chunk {@code c}'s matrices: its images' positions side by side. */
  int ld(int c) {
    return size(c) * positions;
  }

  /** Elements of chunk {@code c}'s column matrices, one per group. */
  int columnsSize(int c) {
    return groups * taps * ld(c);
  }

  /** Where group {@code g}'s column matrix starts among its chunk's. */
  int columnsOffset(int c, int g) {
    return g * taps * ld(c);
  }

  /** cols at {@code off} ← the column matrix [taps, ld(c)] of group {@code g}'s channels of chunk {@code c}'s images of x. */
  void im2col(Tensor x, int c, int g, Tensor cols, int off) {
    int plane = win.height() * win.width();
    for (int i = 0, n = first(c); i < size(c); i++, n++) {
      Windows.im2col(win, x, (n * channels + g * win.channels()) * plane, cols, off + i * positions, ld(c));
    }
  }

  /** The images of x += col2im of the column matrix [taps, ld(c)] of group {@code g} and chunk {@code c} at {@code off}. */
  void col2imAdd(Tensor cols, int off, int c, int g, Tensor x) {
    int plane = win.height() * win.width();
    for (int i = 0, n = first(c); i < size(c); i++, n++) {
      Windows.col2imAdd(win, cols, off + i * positions, ld(c), x, (n * channels + g * win.channels()) * plane);
    }
  }

  /** Whether a chunk's output rows are addressed in place in the [batch, outChannels, positions] tensor. */
  boolean inPlace() {
    return images == 1;
  }

  /** Where group {@code g}'s rows of chunk {@code c} start in an [batch, outChannels, positions] tensor addressed in place. */
  int outputOffset(int c, int g) {
    return (first(c) * outChannels + g * groupOut) * positions;
  }

  /** rows [groupOut, ld(c)] at 0 ← group {@code g}'s channels of chunk {@code c}'s images of t [batch, outChannels, positions]. */
  void gatherOutputs(Tensor t, int c, int g, Tensor rows) {
    for (int i = 0, n = first(c); i < size(c); i++, n++) {
      Windows.copyRows(t, (n * outChannels + g * groupOut) * positions, positions, rows, i * positions, ld(c),
          groupOut, positions);
    }
  }

  /** The inverse of {@link #gatherOutputs}: t's group {@code g} channels of chunk {@code c}'s images ← rows. */
  void scatterOutputs(Tensor rows, int c, int g, Tensor t) {
    for (int i = 0, n = first(c); i < size(c); i++, n++) {
      Windows.copyRows(rows, i * positions, ld(c), t, (n * outChannels + g * groupOut) * positions, positions,
          groupOut, positions);
    }
  }
}
