package dev.chainrule.autograd.kernel;

/**
 * The geometry of a 2-D sliding window over one image of {@code channels} planes of
 * {@code height}×{@code width}: a {@code kernelH}×{@code kernelW} window moved by the stride, its
 * taps {@code dilation} apart, over the input padded by {@code padH}/{@code padW} on each side.
 * Output position (oh, ow) and tap (kh, kw) read input row {@code oh·strideH − padH + kh·dilationH}
 * and column {@code ow·strideW − padW + kw·dilationW}; rows and columns outside the image are padding.
 *
 * @param outH output rows, (height + 2·padH − dilationH·(kernelH − 1) − 1) / strideH + 1
 * @param outW output columns, likewise
 */
public record Window(int channels, int height, int width, int kernelH, int kernelW, int strideH, int strideW,
                     int padH, int padW, int dilationH, int dilationW, int outH, int outW) {

  /** The window with the output size computed from the others (which the caller has validated). */
  public static Window of(int channels, int height, int width, int kernelH, int kernelW, int strideH, int strideW,
                          int padH, int padW, int dilationH, int dilationW) {
    return new Window(channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW,
        outSize(height, kernelH, strideH, padH, dilationH), outSize(width, kernelW, strideW, padW, dilationW));
  }

  /** Output length along one axis; below 1 means the window does not fit. */
  public static int outSize(int in, int kernel, int stride, int pad, int dilation) {
    return Math.floorDiv(in + 2 * pad - dilation * (kernel - 1) - 1, stride) + 1;
  }

  /** Taps per output position and channel group: channels·kernelH·kernelW, the rows of the column matrix. */
  public int taps() {
    return channels * kernelH * kernelW;
  }

  /** Output positions per plane, the columns of the column matrix. */
  public int positions() {
    return outH * outW;
  }

  /** Input elements per image. */
  public int imageSize() {
    return channels * height * width;
  }

  /** First output column whose tap at column offset {@code dx} lands inside the image. */
  int firstColumn(int dx) {
    int lo = 0;
    while (lo < outW && lo * strideW + dx < 0) lo++;
    return lo;
  }

  /** One past the last output column whose tap at column offset {@code dx} lands inside the image. */
  int endColumn(int dx) {
    int hi = outW;
    while (hi > 0 && (hi - 1) * strideW + dx >= width) hi--;
    return hi;
  }

  /** First output row whose tap at row offset {@code dy} lands inside the image. */
  int firstRow(int dy) {
    int lo = 0;
    while (lo < outH && lo * strideH + dy < 0) lo++;
    return lo;
  }

  /** One past the last output row whose tap at row offset {@code dy} lands inside the image. */
  int endRow(int dy) {
    int hi = outH;
    while (hi > 0 && (hi - 1) * strideH + dy >= height) hi--;
    return hi;
  }

  /** Rows of the padded image, height + 2·padH. */
  public int paddedHeight() {
    return height + 2 * padH;
  }

  /** Columns of the padded image, width + 2·padW. */
  public int paddedWidth() {
    return width + 2 * padW;
  }

  /**
   * Output positions of one channel on "wide" rows (stride 1 only): output row oh starts at
   * oh·paddedWidth, so (outH − 1)·paddedWidth + outW, of which the (kernelW − 1)·dilationW
   * after each row but the last are gaps.
   */
  public int wideColumns() {
    return (outH - 1) * paddedWidth() + outW;
  }
}
