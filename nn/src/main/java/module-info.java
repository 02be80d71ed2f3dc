/**
 * Chainrule's neural networks: modules and layers, costs, optimizers, datasets, the training loop,
 * and model files (safetensors checkpoints, ONNX export).
 */
module dev.chainrule.nn {
  // Modules hand out Tensors and Parameters in their signatures: users of nn read autograd too.
  requires transitive dev.chainrule.autograd;
  // The verified MNIST downloader (dev.chainrule.nn.data.VerifiedDownloader).
  requires java.net.http;

  exports dev.chainrule.nn;
  exports dev.chainrule.nn.check;
  exports dev.chainrule.nn.data;
  exports dev.chainrule.nn.io;
  exports dev.chainrule.nn.loss;
  exports dev.chainrule.nn.onnx;
  exports dev.chainrule.nn.optim;
  exports dev.chainrule.nn.train;
}
