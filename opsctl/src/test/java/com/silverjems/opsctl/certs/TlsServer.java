package com.silverjems.opsctl.certs;

import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A real TLS server on a free loopback port presenting the given certificate chain. */
final class TlsServer implements AutoCloseable {

  private final SSLServerSocket socket;

  TlsServer(TestCertificates.Issued identity) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "changeit".toCharArray();
    store.setKeyEntry("server", identity.key().getPrivate(), password, identity.chain());
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    socket =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try (SSLSocket client = (SSLSocket) socket.accept()) {
                  client.setSoTimeout(5_000);
                  client.startHandshake();
                } catch (IOException e) {
                  // A probe closing right after the handshake, or the server shutting down.
                }
              }
            },
            "tls-server-" + socket.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code localhost:port}, the way an engineer names the endpoint. */
  String endpoint() {
    return "localhost:" + socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
