/**
 * Neural-network building blocks on top of the autograd engine: {@link dev.chainrule.nn.Module}
 * (named parameters, train/eval mode), {@link dev.chainrule.nn.Sequential}, the layers
 * {@link dev.chainrule.nn.Dense}, {@link dev.chainrule.nn.Activation#sigmoid()}, {@link dev.chainrule.nn.Activation#relu()},
 * {@link dev.chainrule.nn.Activation#tanh()}, {@link dev.chainrule.nn.Activation#softmax()}, {@link dev.chainrule.nn.Activation#step()},
 * {@link dev.chainrule.nn.Dropout}, and weight initialisation ({@link dev.chainrule.nn.Init}).
 *
 * <p>Contract:
 * <ul>
 *   <li>Batches are row-major {@code [batch, features]}; a layer maps a batch to a batch.</li>
 *   <li>Layers are composites of {@code Tensor} operations with no hand-written backward, so their
 *       gradients come for free; a layer of your own is one class extending {@code Module} and is
 *       checked with {@code GradCheck} like the built-ins.</li>
 *   <li>Parameters are tensors that require grad, registered under names without dots; nested
 *       names join with '.', matching PyTorch's {@code state_dict} keys.</li>
 *   <li>Shapes and dtypes are validated at the layer's front with messages naming the layer and
 *       both shapes, e.g. {@code Dense(784->100): input has 783 features, expected 784 (got [10, 783])}.</li>
 *   <li>Randomness (initialisation, dropout masks) only comes from a {@code RandomGenerator} the
 *       caller passes in: a seed reproduces a run.</li>
 * </ul>
 * Costs are in {@link dev.chainrule.nn.loss}, optimizers in {@link dev.chainrule.nn.optim}, data
 * sets in {@link dev.chainrule.nn.data} and the training loop in {@link dev.chainrule.nn.train}.
 */
package dev.chainrule.nn;
