// The consumer's Xor as a named module: consumer-check.sh compiles it with this descriptor and runs
// it on the module path.
module com.example.xor {
  requires dev.chainrule.nn;   // requires transitive dev.chainrule.autograd
}
