/** Forward-value properties: operations against plain double loops, and float32 against float64. */
package dev.chainrule.autograd.forward;
