package com.silverjems.shop.web;

import java.util.regex.Pattern;

/**
 * Who the client is, behind CloudFront and the load balancer. CloudFront sets {@value
 * #VIEWER_ADDRESS} to the address and port it saw (the origin request policy asks for it), and
 * appends that address to {@code X-Forwarded-For} after whatever the client wrote there; the load
 * balancer may append one more hop. So only CloudFront's header, else the right-most hop, is
 * trustworthy; the left-most value and {@code Forwarded} are the client's own words and never
 * decide anything. Without either header (a test, the local run) the connection's address is the
 * client's.
 *
 * <p>The shop is reachable only through CloudFront (internal load balancer, VPC origin), so no
 * client can set {@value #VIEWER_ADDRESS} itself: CloudFront overwrites it.
 */
final class ClientAddresses {

  static final String VIEWER_ADDRESS = "CloudFront-Viewer-Address";
  static final String FORWARDED_FOR = "X-Forwarded-For";

  /** An IPv4 or IPv6 literal (what a hop may be); anything else is ignored, not trusted. */
  private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private ClientAddresses() {}

  /**
   * @param viewerAddress {@code CloudFront-Viewer-Address} ({@code ip:port}), or null
   * @param forwardedFor every {@code X-Forwarded-For} value in order, or null
   * @param remoteAddress the connection's peer
   */
  static String resolve(String viewerAddress, Iterable<String> forwardedFor, String remoteAddress) {
    if (viewerAddress != null) {
      String value = viewerAddress.trim();
      int port = value.lastIndexOf(':');
      // "198.51.100.7:443", "2001:db8::7:443": the port follows the last colon.
      String address = port > 0 ? value.substring(0, port) : value;
      if (ADDRESS.matcher(address).matches()) {
        return address;
      }
    }
    String rightMost = null;
    if (forwardedFor != null) {
      for (String header : forwardedFor) {
        for (String hop : header.split(",")) {
          if (!hop.isBlank()) {
            rightMost = hop.trim();
          }
        }
      }
    }
    if (rightMost != null && ADDRESS.matcher(rightMost).matches()) {
      return rightMost;
    }
    return remoteAddress;
  }
}
