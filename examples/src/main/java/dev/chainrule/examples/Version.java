package dev.chainrule.examples;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version the build stamped into {@code version.properties} (Maven resource filtering of
 * {@code ${project.version}}), for {@code --version} on every command.
 */
public final class Version implements IVersionProvider {
  /** The provider picocli instantiates for {@code --version}. */
  public Version() {}

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}; "unknown" outside a Maven build. */
  public static String number() {
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    String v = p.getProperty("version", "unknown");
    return v.startsWith("${") ? "unknown (resources not filtered)" : v;
  }

  @Override public String[] getVersion() {
    return new String[] {"Chainrule " + number() + " (Java " + System.getProperty("java.version") + ")"};
  }
}
