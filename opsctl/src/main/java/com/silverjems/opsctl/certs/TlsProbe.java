package com.silverjems.opsctl.certs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Looks at a live TLS endpoint the way a browser would, but reports each aspect on its own instead
 * of failing at the first: the leaf's expiry, whether the presented chain leads to a trusted root,
 * and whether the leaf names the host. The handshake itself accepts any certificate so that a
 * broken one can still be inspected.
 */
final class TlsProbe {

  /** One certificate of the presented chain. */
  record ChainCertificate(String subject, String issuer, Instant notAfter) {}

  /** What was found at one endpoint. */
  record Result(
      String endpoint,
      String error,
      String subject,
      List<String> names,
      Instant notAfter,
      boolean hostnameMatches,
      boolean chainTrusted,
      String chainProblem,
      List<ChainCertificate> chain) {

    boolean reachable() {
      return error == null;
    }
  }

  private final Set<TrustAnchor> anchors;
  private final Duration timeout;

  TlsProbe(Collection<X509Certificate> trusted, Duration timeout) {
    this.anchors = new HashSet<>();
    trusted.forEach(cert -> anchors.add(new TrustAnchor(cert, null)));
    this.timeout = timeout;
  }

  /** HOST:PORT with a host name or address and a port from 1 to 65535 (or just HOST, port 443). */
  static boolean validEndpoint(String endpoint) {
    int colon = endpoint.lastIndexOf(':');
    String host = colon > 0 ? endpoint.substring(0, colon) : endpoint;
    String port = colon > 0 ? endpoint.substring(colon + 1) : "443";
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.matches("[A-Za-z0-9._:-]{1,253}")
        && !host.startsWith("-")
        && port.matches("[0-9]{1,5}")
        && Integer.parseInt(port) >= 1
        && Integer.parseInt(port) <= 65535;
  }

  Result probe(String endpoint, Instant now) {
    int colon = endpoint.lastIndexOf(':');
    String host = colon > 0 ? endpoint.substring(0, colon) : endpoint;
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = colon > 0 ? Integer.parseInt(endpoint.substring(colon + 1)) : 443;
    X509Certificate[] chain;
    try {
      chain = handshake(host, port);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      String why =
          com.silverjems.opsctl.Failures.transportProblem(e)
              .orElse(e.getClass().getSimpleName() + ": " + e.getMessage());
      return new Result(endpoint, why, null, List.of(), null, false, false, null, List.of());
    }
    X509Certificate leaf = chain[0];
    List<String> names = names(leaf);
    String chainProblem = chainProblem(chain, now);
    List<ChainCertificate> certificates =
        Arrays.stream(chain)
            .map(
                c ->
                    new ChainCertificate(
                        c.getSubjectX500Principal().getName(),
                        c.getIssuerX500Principal().getName(),
                        c.getNotAfter().toInstant()))
            .toList();
    return new Result(
        endpoint,
        null,
        leaf.getSubjectX500Principal().getName(),
        names,
        leaf.getNotAfter().toInstant(),
        matches(host, names),
        chainProblem == null,
        chainProblem,
        certificates);
  }

  private X509Certificate[] handshake(String host, int port)
      throws IOException, GeneralSecurityException {
    CapturingTrustManager capture = new CapturingTrustManager();
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {capture}, new SecureRandom());
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      if (!isIpAddress(host)) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(host)));
        socket.setSSLParameters(parameters);
      }
      socket.startHandshake();
    }
    if (capture.chain == null || capture.chain.length == 0) {
      throw new GeneralSecurityException("the server presented no certificate");
    }
    return capture.chain;
  }

  /**
   * Why the chain does not lead to a trusted root, or null when it does. Judged at a moment the
   * leaf was valid, so that an expired leaf is reported once, as expired, not also as untrusted.
   */
  private String chainProblem(X509Certificate[] chain, Instant now) {
    List<X509Certificate> path = new ArrayList<>(Arrays.asList(chain));
    // A server may send its root too; the validator wants the path without the anchor.
    while (path.size() > 1 && isAnchor(path.get(path.size() - 1))) {
      path.remove(path.size() - 1);
    }
    X509Certificate leaf = chain[0];
    Instant at = now;
    if (at.isAfter(leaf.getNotAfter().toInstant())) {
      at = leaf.getNotAfter().toInstant().minusSeconds(1);
    }
    if (at.isBefore(leaf.getNotBefore().toInstant())) {
      at = leaf.getNotBefore().toInstant();
    }
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(anchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
      return null;
    } catch (CertPathValidatorException e) {
      if (chain.length == 1
          && leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
        return "self-signed certificate, not trusted";
      }
      return "not trusted: " + e.getMessage();
    } catch (GeneralSecurityException e) {
      return "cannot validate: " + e.getMessage();
    }
  }

  private boolean isAnchor(X509Certificate certificate) {
    return anchors.stream().anyMatch(a -> certificate.equals(a.getTrustedCert()));
  }

  private static List<String> names(X509Certificate leaf) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> entry : alternatives) {
          int type = (Integer) entry.get(0);
          if (type == 2 || type == 7) { // dNSName, iPAddress
            names.add(entry.get(1).toString());
          }
        }
      }
    } catch (CertificateParsingException e) {
      // Unparseable names match nothing; reported as a hostname mismatch.
    }
    return names;
  }

  /** RFC 6125: exact name, or a wildcard standing for exactly one left-most label. */
  static boolean matches(String host, List<String> names) {
    String wanted = host.toLowerCase(Locale.ROOT);
    for (String name : names) {
      String candidate = name.toLowerCase(Locale.ROOT);
      if (candidate.equals(wanted)) {
        return true;
      }
      if (candidate.startsWith("*.")) {
        int dot = wanted.indexOf('.');
        if (dot > 0 && wanted.substring(dot).equals(candidate.substring(1))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isIpAddress(String host) {
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false;
    }
    try {
      InetAddress.getByName(host);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Accepts any chain and keeps it: the verdict is made afterwards, aspect by aspect. Extended, so
   * that JSSE does not wrap it with checks of its own.
   */
  private static final class CapturingTrustManager extends X509ExtendedTrustManager {
    private X509Certificate[] chain;

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      this.chain = chain;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      this.chain = chain;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      this.chain = chain;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("opsctl only probes servers");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException("opsctl only probes servers");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("opsctl only probes servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
