/**
 * Plain-Java reporting for training runs: a per-epoch metrics CSV, a learning-curve PNG, line
 * plots of any series, a confusion matrix, the diagnosis of a stalled class, ASCII rendering of a
 * digit, reading a user's PNG digit as an MNIST-like input, and a console progress bar.
 *
 * <p>Contract: nothing here depends on the Tensor API; inputs are {@code float[]}/{@code int[]}
 * and {@link dev.chainrule.examples.report.EpochMetrics} rows. Accuracies are fractions in
 * [0, 1] (plots show them as percent). Image code runs with {@code java.awt.headless=true}, which
 * these classes set before touching AWT unless the property was already given. Files are
 * written so a reader never sees half a line or half an image: the CSV appends one whole line
 * per call, the PNG goes through a temporary file renamed into place.
 */
package dev.chainrule.examples.report;
