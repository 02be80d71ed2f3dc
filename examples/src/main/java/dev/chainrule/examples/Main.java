package dev.chainrule.examples;

import dev.chainrule.examples.course.DemoCommand;
import dev.chainrule.examples.mnist.EvalCommand;
import dev.chainrule.examples.mnist.ExportOnnxCommand;
import dev.chainrule.examples.mnist.MnistCommand;
import dev.chainrule.examples.mnist.PredictCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The examples' command line: {@code chainrule mnist|eval|predict|demo}. */
@Command(name = "chainrule", mixinStandardHelpOptions = true, version = "Chainrule examples 0.1",
    description = "Chainrule examples: train MNIST the course's way and beyond, and the course's small demos.",
    subcommands = {MnistCommand.class, EvalCommand.class, PredictCommand.class, DemoCommand.class,
        ExportOnnxCommand.class})
public final class Main implements Runnable {
  /** The top-level command; picocli fills in the subcommand. */
  public Main() {}

  @Override public void run() {
    new CommandLine(this).usage(System.out);
  }

  /**
   * Runs the command line and exits with its code (0 on success, 1 on an error, 2 on a usage error).
   *
   * @param args a subcommand and its options, as in {@code chainrule mnist --epochs 3}
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with errors reported as one readable line (no stack trace) and exit code 1. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      String what = e instanceof java.nio.file.NoSuchFileException ? "no such file: " + e.getMessage()
          : e.getMessage() != null ? e.getMessage() : e.toString();
      cmd.getErr().println(cmd.getCommandName() + ": " + what);
      return 1;
    });
  }
}
