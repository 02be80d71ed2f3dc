package dev.chainrule.examples;

import dev.chainrule.examples.course.DemoCommand;
import dev.chainrule.examples.mnist.EvalCommand;
import dev.chainrule.examples.mnist.ExportOnnxCommand;
import dev.chainrule.examples.mnist.MnistCommand;
import dev.chainrule.examples.mnist.PredictCommand;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The examples' command line: {@code chainrule mnist|eval|predict|demo}. */
@Command(name = "chainrule", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Chainrule examples: train MNIST the course's way and beyond, and the course's small demos.",
    subcommands = {MnistCommand.class, EvalCommand.class, PredictCommand.class, DemoCommand.class,
        ExportOnnxCommand.class, dev.chainrule.examples.sequence.RowLstmCommand.class,
        dev.chainrule.examples.sequence.VitCommand.class, dev.chainrule.examples.sequence.CharLmCommand.class,
        dev.chainrule.examples.autoencoder.ConvAutoencoderCommand.class})
public final class Main implements Runnable {
  /** The top-level command; picocli fills in the subcommand. */
  public Main() {}

  /** Exit code when the JVM ran out of memory (1 is any other error, 2 a usage error). */
  public static final int OUT_OF_MEMORY = 3;

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

  /**
   * The command line with errors reported as one readable line (no stack trace) and exit code 1;
   * running out of memory is one line too ({@link OutOfMemory}), exit code 3. Every command
   * answers {@code --version} with the version of the build.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println(cmd.getCommandName() + ": " + describe(e));
      return 1;
    });
    cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
    CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
    cl.setExecutionStrategy(parsed -> {
      try {
        return run.execute(parsed);
      } catch (OutOfMemoryError e) {
        CommandLine leaf = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
        leaf.getErr().println(OutOfMemory.describe(leaf.getCommandName(), parsed, e));
        return OUT_OF_MEMORY;
      }
    });
    return cl;
  }

  /** The message of an error, with the file named when the JDK's own message is only the path. */
  static String describe(Exception e) {
    if (e instanceof NoSuchFileException f) return f.getReason() != null ? e.getMessage() : "no such file: " + f.getFile();
    if (e instanceof FileAlreadyExistsException f) return f.getFile() + ": exists and is not a directory";
    if (e instanceof AccessDeniedException f) return f.getFile() + ": permission denied";
    if (e instanceof FileSystemException f && f.getReason() != null && f.getFile() != null) {
      return f.getFile() + ": " + f.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }
}
