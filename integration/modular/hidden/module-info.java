// Must NOT compile: the primitives are not part of autograd's API (consumer-check.sh expects javac to fail).
module com.example.hidden {
  requires dev.chainrule.nn;
}
