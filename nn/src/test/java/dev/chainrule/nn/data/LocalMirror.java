package dev.chainrule.nn.data;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback HTTP server on an ephemeral port serving fixed bytes per file name; 404 else. */
final class LocalMirror implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, Integer> cutAt = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  LocalMirror() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/data/", exchange -> {
      requests.incrementAndGet();
      String name = exchange.getRequestURI().getPath().substring("/data/".length());
      byte[] body = files.get(name);
      try (exchange; OutputStream out = exchange.getResponseBody()) {
        if (body == null) {
          exchange.sendResponseHeaders(404, -1);
        } else {
          exchange.sendResponseHeaders(200, body.length);
          // A cut file announces its full length but the connection drops part-way.
          out.write(body, 0, cutAt.getOrDefault(name, body.length));
        }
      }
    });
    server.start();
  }

  LocalMirror serve(String name, byte[] body) {
    files.put(name, body);
    return this;
  }

  /** Announces {@code body}'s full length but drops the connection after {@code sent} bytes. */
  LocalMirror serveCut(String name, byte[] body, int sent) {
    files.put(name, body);
    cutAt.put(name, sent);
    return this;
  }

  URI base() {
    return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
        + server.getAddress().getPort() + "/data/");
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
