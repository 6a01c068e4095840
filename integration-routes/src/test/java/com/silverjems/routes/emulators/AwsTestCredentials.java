package com.silverjems.routes.emulators;

import com.silverjems.routes.images.LocalS3;

/**
 * Credentials for the emulators: the SDK's default chain reads these system properties first, so it
 * never goes looking for an instance profile (seconds of timeouts on a laptop). S3Proxy ({@code
 * LocalS3}) accepts exactly this pair, so a client built with the default chain, as production
 * builds its clients, signs requests it accepts.
 */
public final class AwsTestCredentials {

  public static final String ACCESS_KEY = LocalS3.ACCESS_KEY;
  public static final String SECRET_KEY = LocalS3.SECRET_KEY;

  private AwsTestCredentials() {}

  public static void install() {
    System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", ACCESS_KEY));
    System.setProperty(
        "aws.secretAccessKey", System.getProperty("aws.secretAccessKey", SECRET_KEY));
  }
}
