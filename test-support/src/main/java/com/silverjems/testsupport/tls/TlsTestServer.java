package com.silverjems.testsupport.tls;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS server on a free loopback port presenting a given certificate chain and answering
 * {@code 200 ok} to every request: what a certificate check (opsctl's {@code certs}, Zabbix agent
 * 2's {@code web.certificate.get}, blackbox_exporter's TLS probe) connects to.
 */
public final class TlsTestServer implements AutoCloseable {

  private static final byte[] OK = "ok".getBytes(StandardCharsets.UTF_8);

  private final TestCertificates.Issued identity;
  private final HttpsServer server;
  private final ExecutorService handlers;

  private TlsTestServer(TestCertificates.Issued identity)
      throws GeneralSecurityException, IOException {
    this.identity = identity;
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "changeit".toCharArray();
    store.setKeyEntry("server", identity.key().getPrivate(), password, identity.chain());
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, OK.length);
          exchange.getResponseBody().write(OK);
          exchange.close();
        });
    // A handler thread per connection: a probe that stalls mid-handshake holds up no other.
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.start();
  }

  /** Starts a server presenting {@code identity} (a leaf first, then its issuers). */
  public static TlsTestServer start(TestCertificates.Issued identity) {
    try {
      return new TlsTestServer(identity);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts a server with a fresh self-signed certificate for localhost, valid from now on. */
  public static TlsTestServer selfSigned(Duration validFor) {
    Instant now = Instant.now();
    try {
      return start(TestCertificates.selfSigned("localhost", now, now.plus(validFor)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code localhost:port}, the way an engineer names the endpoint. */
  public String endpoint() {
    return "localhost:" + port();
  }

  /** The certificate the server presents, in PEM: what a client told to trust it reads. */
  public String certificatePem() {
    try {
      return TestCertificates.pem(identity.leaf());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
