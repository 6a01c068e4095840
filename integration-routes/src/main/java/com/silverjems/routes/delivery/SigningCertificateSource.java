package com.silverjems.routes.delivery;

import java.net.URI;
import java.security.cert.X509Certificate;

/**
 * Where SNS signing certificates come from. Production fetches them over HTTPS from SNS (after
 * {@link SnsSignatureVerifier} checked the URL is SNS's); tests and the local run supply their own.
 */
public interface SigningCertificateSource {

  /**
   * The certificate at {@code url}.
   *
   * @throws java.io.IOException when it cannot be fetched or parsed
   */
  X509Certificate certificate(URI url) throws java.io.IOException;
}
