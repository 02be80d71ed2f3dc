package dev.chainrule.autograd.kernel;

/**
 * Fused batch normalisation over x viewed as [batch, channels, spatial] (channel axis 1, every
 * other axis reduced): the forward pass with its per-channel statistics, and the backward pass
 * from them, in float and double (the same code line for line). One pass over a channel's values
 * for each sum and one for the output, where the composite batch norm materialised five
 * broadcasts forward and more backward. Sums run in double in a fixed order, so the results do
 * not depend on the JDK or the thread count. Plain loops, no SIMD twin: each channel's values are
 * strided across the batch and the work is a few passes of memory traffic, not arithmetic.
 * Callers validate; these trust their arguments.
 */
public final class BatchNormKernels {
  private BatchNormKernels() {}

  /**
   * Batch statistics and the normalised, scaled and shifted output, for x viewed as
   * [batch, channels, spatial]: per channel, mean and biased variance over batch and spatial
   * positions (two passes, summed in double in a fixed order), rstd = 1/√(var + eps), and
   * y = (x − mean)·rstd·gamma + beta. Writes mean[c] and rstd[c] into {@code stats} [2·channels].
   */
  public static void forward(int batch, int channels, int spatial, float[] x, float[] gamma, float[] beta, double eps,
                             float[] y, double[] stats) {
    double m = (double) batch * spatial;
    for (int c = 0; c < channels; c++) {
      double sum = 0;
      for (int n = 0; n < batch; n++) {
        int at = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) sum += x[at + s];
      }
      double mean = sum / m, squares = 0;
      for (int n = 0; n < batch; n++) {
        int at = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) {
          double d = x[at + s] - mean;
          squares += d * d;
        }
      }
      double rstd = 1 / Math.sqrt(squares / m + eps), scale = rstd * gamma[c], shift = beta[c];
      stats[c] = mean;
      stats[channels + c] = rstd;
      for (int n = 0; n < batch; n++) {
        int at = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) y[at + s] = (float) ((x[at + s] - mean) * scale + shift);
      }
    }
  }

  /**
   * The gradients of {@link #forward(int, int, int, float[], float[], float[], double, float[], double[])} from
   * its saved statistics, with x̂ = (x − mean)·rstd and m = batch·spatial: dbeta = Σ dy,
   * dgamma = Σ dy·x̂, dx = gamma·rstd·(dy − dbeta/m − x̂·dgamma/m). Any of dx, dgamma, dbeta may be
   * {@code null} (not wanted).
   */
  public static void backward(int batch, int channels, int spatial, float[] x, float[] gamma, double[] stats, float[] dy,
                              float[] dx, float[] dgamma, float[] dbeta) {
    double m = (double) batch * spatial;
    for (int c = 0; c < channels; c++) {
      double mean = stats[c], rstd = stats[channels + c], sumDy = 0, sumDyXhat = 0;
      for (int n = 0; n < batch; n++) {
        int at = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) {
          double g = dy[at + s];
          sumDy += g;
          sumDyXhat += g * ((x[at + s] - mean) * rstd);
        }
      }
      if (dbeta != null) dbeta[c] = (float) sumDy;
      if (dgamma != null) dgamma[c] = (float) sumDyXhat;
      if (dx == null) continue;
      double k = gamma[c] * rstd, meanDy = sumDy / m, meanDyXhat = sumDyXhat / m;
      for (int n = 0; n < batch; n++) {
        int at = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) {
          double xhat = (x[at + s] - mean) * rstd;
          dx[at + s] = (float) (k * (dy[at + s] - meanDy - xhat * meanDyXhat));
        }
      }
    }
  }

  /**
   * Batch statistics and the normalised, scaled and shifted output, for x viewed as
   * [batch, channels, spatial]: per channel, mean and biased variance over batch and spatial
   * positions (two passes, summed in double in a fixed order), rstd = 1/√(var + eps), and
   * y = (x − mean)·rstd·gamma + beta. Writes mean[c] and rstd[c] into {@code stats} [2·channels].
   */
  public static void forward(int batch, int channels, int spatial, double[] x, double[] gamma, double[] beta, double eps,
                             double[] y, double[] stats) {
    double m = (double) batch * spatial;
    for (int c = 0; c < channels; c++) {
      double sum = 0;
      for (int n = 0; n < batch; n++) {
        int at = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) sum += x[at + s];
      }
      double mean = sum / m, squares = 0;
      for (int n = 0; n < batch; n++) {
        int at = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) {
          double d = x[at + s] - mean;
          squares += d * d;
        }
      }
      double rstd = 1 / Math.sqrt(squares / m + eps), scale = rstd * gamma[c], shift = beta[c];
      stats[c] = mean;
      stats[channels + c] = rstd;
      for (int n = 0; n < batch; n++) {
        int at = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) y[at + s] = ((x[at + s] - mean) * scale + shift);
      }
    }
  }

  /**
   * The gradients of {@link #forward(int, int, int, double[], double[], double[], double, double[], double[])} from
   * its saved statistics, with x̂ = (x − mean)·rstd and m = batch·spatial: dbeta = Σ dy,
   * dgamma = Σ dy·x̂, dx = gamma·rstd·(dy − dbeta/m − x̂·dgamma/m). Any of dx, dgamma, dbeta may be
   * {@code null} (not wanted).
   */
  public static void backward(int batch, int channels, int spatial, double[] x, double[] gamma, double[] stats, double[] dy,
                              double[] dx, double[] dgamma, double[] dbeta) {
    double m = (double) batch * spatial;
    for (int c = 0; c < channels; c++) {
      double mean = stats[c], rstd = stats[channels + c], sumDy = 0, sumDyXhat = 0;
      for (int n = 0; n < batch; n++) {
        int at = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) {
          double g = dy[at + s];
          sumDy += g;
          sumDyXhat += g * ((x[at + s] - mean) * rstd);
        }
      }
      if (dbeta != null) dbeta[c] = sumDy;
      if (dgamma != null) dgamma[c] = sumDyXhat;
      if (dx == null) continue;
      double k = gamma[c] * rstd, meanDy = sumDy / m, meanDyXhat = sumDyXhat / m;
      for (int n = 0; n < batch; n++) {
        int at = (n * channels + c) * spatial;
        for (int s = 0; s < spatial; s++) {
          double xhat = (x[at + s] - mean) * rstd;
          dx[at + s] = (k * (dy[at + s] - meanDy - xhat * meanDyXhat));
        }
      }
    }
  }
}
