/**
 * ONNX export of models built from the built-in layers ({@link dev.chainrule.nn.onnx.OnnxExport}).
 *
 * <p>Contract. An exported model computes what the Chainrule model computes in evaluation mode,
 * in the same dtype: checked by running both on random inputs with ONNX Runtime for Java
 * ({@code OnnxExportTest}). The files use ONNX IR version 7 and opset 13 of the default domain, which
 * every current runtime reads. Only export is offered; a layer ONNX cannot express is refused
 * with its index and class rather than approximated.
 */
package dev.chainrule.nn.onnx;
