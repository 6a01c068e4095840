package com.silverjems.routes.emulators;

/**
 * Credentials for the emulators: the SDK's default chain reads these system properties first, so it
 * never goes looking for an instance profile (seconds of timeouts on a laptop).
 */
public final class AwsTestCredentials {
  private AwsTestCredentials() {}

  public static void install() {
    System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "local"));
    System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "local"));
  }
}
