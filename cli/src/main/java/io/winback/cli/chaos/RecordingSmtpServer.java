package io.winback.cli.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real SMTP server (the part of RFC 5321 a mail client needs: EHLO/HELO, MAIL, RCPT, DATA, RSET,
 * NOOP, QUIT) that accepts every message and records, per Message-ID, when each copy arrived. It
 * keeps nothing else: no address, no text. A message counts as received at the moment the server
 * has written its "250" to the end of DATA, as a real server that has queued it.
 *
 * <p>{@link #goDown} stops taking connections (they are refused, as when a server is away), lets the
 * conversations already under way finish, and {@link #comeBack} listens on the same port again.
 */
final class RecordingSmtpServer implements AutoCloseable {

  /** One received copy: when its connection was accepted and when the server took the message. */
  record Copy(long connectedAt, long receivedAt) {}

  private static final String HOST = "chaos-smtp.local";

  private final int port;
  private final ExecutorService sessions = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "chaos-smtp-session");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, List<Copy>> received = new ConcurrentHashMap<>();
  private final AtomicLong withoutMessageId = new AtomicLong();
  private final AtomicLong total = new AtomicLong();
  private volatile ServerSocket listener;
  private volatile Thread acceptor;

  private RecordingSmtpServer(int port) {
    this.port = port;
  }

  static RecordingSmtpServer start(int port) {
    RecordingSmtpServer server = new RecordingSmtpServer(port);
    server.comeBack();
    return server;
  }

  int port() {
    return port;
  }

  /** Listens (again) on its port. */
  synchronized void comeBack() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
      listener = socket;
    } catch (IOException e) {
      throw new IllegalStateException("the SMTP recorder cannot listen on port " + port + ": " + e.getMessage(), e);
    }
    ServerSocket socket = listener;
    acceptor = new Thread(() -> accept(socket), "chaos-smtp-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Stops listening; conversations already under way are finished. */
  synchronized void goDown() {
    ServerSocket socket = listener;
    listener = null;
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closed is closed
      }
    }
  }

  /** Copies received per Message-ID, as {@code <taskId@winback.local>}; a snapshot. */
  Map<String, List<Copy>> received() {
    Map<String, List<Copy>> copy = new java.util.HashMap<>();
    received.forEach((id, copies) -> {
      synchronized (copies) {
        copy.put(id, List.copyOf(copies));
      }
    });
    return copy;
  }

  long total() {
    return total.get();
  }

  long withoutMessageId() {
    return withoutMessageId.get();
  }

  @Override
  public void close() {
    goDown();
    sessions.shutdownNow();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        long connectedAt = System.currentTimeMillis();
        sessions.execute(() -> converse(connection, connectedAt));
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        // one failed accept; go on
      }
    }
  }

  private void converse(Socket connection, long connectedAt) {
    try (connection;
         BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
             StandardCharsets.ISO_8859_1));
         OutputStream out = connection.getOutputStream()) {
      connection.setSoTimeout(60_000);
      reply(out, "220 " + HOST + " ESMTP chaos recorder");
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
        switch (command) {
          case "EHLO" -> reply(out, "250-" + HOST + "\r\n250-8BITMIME\r\n250 SMTPUTF8");
          case "HELO" -> reply(out, "250 " + HOST);
          case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
          case "DATA" -> {
            reply(out, "354 End data with <CR><LF>.<CR><LF>");
            String messageId = readMessage(in);
            reply(out, "250 OK queued");
            record(messageId, connectedAt);
          }
          case "QUIT" -> {
            reply(out, "221 Bye");
            return;
          }
          default -> reply(out, "502 Command not implemented");
        }
      }
    } catch (IOException e) {
      // the client went away; nothing was recorded for an unfinished DATA
    }
  }

  /** Reads up to the lone dot; returns the Message-ID header's value, or null. */
  private static String readMessage(BufferedReader in) throws IOException {
    String messageId = null;
    boolean inHeaders = true;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.equals(".")) {
        return messageId;
      }
      if (inHeaders) {
        if (line.isEmpty()) {
          inHeaders = false;
        } else if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
          messageId = line.substring(11).strip();
        }
      }
    }
    throw new IOException("the connection ended inside DATA");
  }

  private void record(String messageId, long connectedAt) {
    total.incrementAndGet();
    if (messageId == null || messageId.isEmpty()) {
      withoutMessageId.incrementAndGet();
      return;
    }
    List<Copy> copies = received.computeIfAbsent(messageId, id -> new ArrayList<>(1));
    synchronized (copies) {
      copies.add(new Copy(connectedAt, System.currentTimeMillis()));
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
