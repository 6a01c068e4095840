package com.silverjems.opsctl.certs;

import com.silverjems.opsctl.AwsCommand;
import com.silverjems.opsctl.Durations;
import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.Opsctl;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.Style;
import com.silverjems.opsctl.Table;
import com.silverjems.opsctl.Times;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;

/** {@code opsctl certs}: which certificates expire soon or are broken. */
@Command(
    header = "ACM certificates and live TLS endpoints close to expiry or broken.",
    name = "certs",
    description =
        "Certificate expiry: ACM certificates (status, NotAfter, where used, renewal) in the platform's region and us-east-1 (CloudFront's), and live TLS endpoints (leaf expiry, chain trust and hostname, each reported separately). Exits 1 when any certificate is within --days of expiry or broken: run it from cron or CI.",
    mixinStandardHelpOptions = true)
public final class CertsCommand implements Callable<Integer>, AwsCommand {

  /** ACM statuses that mean the certificate cannot serve traffic. */
  private static final Set<String> BROKEN_STATUSES =
      Set.of("EXPIRED", "REVOKED", "FAILED", "VALIDATION_TIMED_OUT");

  @Spec CommandSpec spec;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "30",
      description = "Flag certificates expiring within N days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--endpoint",
      paramLabel = "HOST:PORT",
      description = "A live TLS endpoint to check (repeatable), e.g. shop.example.com:443.")
  List<String> endpoints = new ArrayList<>();

  @Option(
      names = "--acm-region",
      paramLabel = "REGION",
      description =
          "ACM regions to list (repeatable; default: the platform's region and us-east-1).")
  List<String> acmRegions = new ArrayList<>();

  @Option(names = "--no-acm", description = "Only check the --endpoint list, not ACM.")
  boolean noAcm;

  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      description = "Also trust the CA certificates in this PEM file (private CAs).")
  Path caFile;

  @Option(
      names = "--connect-timeout",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = Durations.class,
      description = "Connect and handshake timeout per endpoint (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  record AcmCertificate(
      String domain,
      String region,
      String arn,
      String status,
      String type,
      Instant notAfter,
      Long daysLeft,
      List<String> inUseBy,
      String renewalEligibility,
      String renewalStatus,
      String verdict,
      String reason) {}

  record Endpoint(
      String endpoint,
      String subject,
      Instant notAfter,
      Long daysLeft,
      boolean hostnameMatches,
      List<String> names,
      boolean chainTrusted,
      String chainProblem,
      List<TlsProbe.ChainCertificate> chain,
      String verdict,
      String reason) {}

  record Report(
      int thresholdDays, boolean ok, List<AcmCertificate> acm, List<Endpoint> endpoints) {}

  @Override
  public Integer call() {
    if (noAcm && endpoints.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--no-acm needs at least one --endpoint");
    }
    Opsctl root = Opsctl.root(spec);
    Output output = root.output();
    Instant now = root.environment().clock().instant();
    List<AcmCertificate> acm = noAcm ? List.of() : acm(root, now);
    List<Endpoint> live = new ArrayList<>();
    if (!endpoints.isEmpty()) {
      TlsProbe probe = new TlsProbe(trustAnchors(), connectTimeout);
      for (String endpoint : endpoints) {
        output.detail("probing " + endpoint);
        live.add(judge(probe.probe(endpoint, now), now));
      }
    }
    boolean ok =
        acm.stream().allMatch(c -> "OK".equals(c.verdict()))
            && live.stream().allMatch(e -> "OK".equals(e.verdict()));
    Report report = new Report(days, ok, acm, live);
    if (output.json()) {
      output.json(report);
    } else {
      render(report, output);
    }
    return ok ? ExitCode.OK : ExitCode.FINDINGS;
  }

  private List<AcmCertificate> acm(Opsctl root, Instant now) {
    Set<String> regions = new LinkedHashSet<>(acmRegions);
    if (regions.isEmpty()) {
      regions.add(root.aws().region().id());
      regions.add("us-east-1");
    }
    List<AcmCertificate> certificates = new ArrayList<>();
    for (String region : regions) {
      AcmClient client = root.aws().acm(Region.of(region));
      // Without the key-type filter ACM lists only RSA-2048 certificates and hides ECDSA ones.
      List<String> arns =
          client
              .listCertificatesPaginator(
                  r -> r.includes(i -> i.keyTypes(KeyAlgorithm.knownValues())))
              .certificateSummaryList()
              .stream()
              .map(s -> s.certificateArn())
              .toList();
      for (String arn : arns) {
        CertificateDetail detail =
            client.describeCertificate(r -> r.certificateArn(arn)).certificate();
        certificates.add(judge(detail, region, now));
      }
    }
    return certificates;
  }

  private AcmCertificate judge(CertificateDetail detail, String region, Instant now) {
    Long left = detail.notAfter() == null ? null : daysLeft(detail.notAfter(), now);
    String status = detail.statusAsString();
    String renewalStatus =
        detail.renewalSummary() == null ? null : detail.renewalSummary().renewalStatusAsString();
    String verdict = "OK";
    String reason = null;
    if (BROKEN_STATUSES.contains(status)) {
      verdict = "EXPIRED".equals(status) ? "EXPIRED" : "BROKEN";
      reason = "status " + status;
    } else if ("FAILED".equals(renewalStatus)) {
      verdict = "BROKEN";
      reason = "renewal failed: " + detail.renewalSummary().renewalStatusReasonAsString();
    } else if (detail.notAfter() != null && detail.notAfter().isBefore(now)) {
      verdict = "EXPIRED";
      reason = "expired " + -left + " day(s) ago";
    } else if (left != null && left <= days) {
      verdict = "EXPIRING";
      reason =
          "expires in "
              + left
              + " day(s)"
              + ("ELIGIBLE".equals(detail.renewalEligibilityAsString())
                  ? " although eligible for renewal: check DNS validation"
                  : ", not renewed by ACM: reimport");
    }
    return new AcmCertificate(
        detail.domainName(),
        region,
        detail.certificateArn(),
        status,
        detail.typeAsString(),
        detail.notAfter(),
        left,
        detail.inUseBy(),
        detail.renewalEligibilityAsString(),
        renewalStatus,
        verdict,
        reason);
  }

  private Endpoint judge(TlsProbe.Result result, Instant now) {
    if (!result.reachable()) {
      return new Endpoint(
          result.endpoint(),
          null,
          null,
          null,
          false,
          List.of(),
          false,
          null,
          List.of(),
          "BROKEN",
          "unreachable: " + result.error());
    }
    long left = daysLeft(result.notAfter(), now);
    List<String> reasons = new ArrayList<>();
    String verdict = "OK";
    if (result.notAfter().isBefore(now)) {
      verdict = "EXPIRED";
      reasons.add("leaf expired " + -left + " day(s) ago");
    } else if (left <= days) {
      verdict = "EXPIRING";
      reasons.add("leaf expires in " + left + " day(s)");
    }
    for (TlsProbe.ChainCertificate certificate : result.chain().subList(1, result.chain().size())) {
      long chainLeft = daysLeft(certificate.notAfter(), now);
      if (chainLeft <= days) {
        verdict = "OK".equals(verdict) ? "EXPIRING" : verdict;
        reasons.add(
            "chain certificate " + certificate.subject() + " expires in " + chainLeft + " day(s)");
      }
    }
    if (!result.hostnameMatches()) {
      verdict = "BROKEN";
      reasons.add("hostname not in certificate " + result.names());
    }
    if (!result.chainTrusted()) {
      verdict = "BROKEN";
      reasons.add("chain " + result.chainProblem());
    }
    return new Endpoint(
        result.endpoint(),
        result.subject(),
        result.notAfter(),
        left,
        result.hostnameMatches(),
        result.names(),
        result.chainTrusted(),
        result.chainProblem(),
        result.chain(),
        verdict,
        reasons.isEmpty() ? null : String.join("; ", reasons));
  }

  /** Whole days left (negative: whole days since expiry), as people count them. */
  static long daysLeft(Instant notAfter, Instant now) {
    return Duration.between(now, notAfter).toDays();
  }

  private List<X509Certificate> trustAnchors() {
    List<X509Certificate> trusted = new ArrayList<>();
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (var manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          trusted.addAll(Arrays.asList(x509.getAcceptedIssuers()));
        }
      }
      if (caFile != null) {
        try (InputStream in = Files.newInputStream(caFile)) {
          for (Certificate certificate :
              CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            trusted.add((X509Certificate) certificate);
          }
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new ParameterException(
          spec.commandLine(),
          "cannot read trust anchors"
              + (caFile == null ? "" : " from " + caFile)
              + ": "
              + e.getMessage());
    }
    return trusted;
  }

  private void render(Report report, Output output) {
    if (!noAcm) {
      Table table =
          new Table(
              "DOMAIN",
              "REGION",
              "STATUS",
              "TYPE",
              "EXPIRES",
              "DAYS",
              "RENEWAL",
              "IN USE BY",
              "VERDICT");
      for (AcmCertificate c : report.acm()) {
        table.row(
            c.domain(),
            c.region(),
            c.status(),
            c.type(),
            Times.utc(c.notAfter()),
            c.daysLeft(),
            c.renewalEligibility() + (c.renewalStatus() == null ? "" : "/" + c.renewalStatus()),
            c.inUseBy().isEmpty()
                ? "(unused)"
                : c.inUseBy().size() + ": " + shortArn(c.inUseBy().get(0)),
            verdictCell(c.verdict()));
      }
      output.line("ACM certificates (threshold " + report.thresholdDays() + " days):");
      if (table.isEmpty()) {
        output.line("  none");
      } else {
        output.table(table);
      }
    }
    if (!report.endpoints().isEmpty()) {
      Table table =
          new Table("ENDPOINT", "SUBJECT", "EXPIRES", "DAYS", "HOSTNAME", "CHAIN", "VERDICT");
      for (Endpoint e : report.endpoints()) {
        table.row(
            e.endpoint(),
            e.subject(),
            Times.utc(e.notAfter()),
            e.daysLeft(),
            e.subject() == null ? null : e.hostnameMatches() ? "match" : "MISMATCH",
            e.subject() == null ? null : e.chainTrusted() ? "trusted" : "UNTRUSTED",
            verdictCell(e.verdict()));
      }
      output.line("TLS endpoints:");
      output.table(table);
    }
    List<String> reasons = new ArrayList<>();
    report.acm().stream()
        .filter(c -> c.reason() != null)
        .forEach(c -> reasons.add(c.domain() + " (ACM " + c.region() + "): " + c.reason()));
    report.endpoints().stream()
        .filter(e -> e.reason() != null)
        .forEach(e -> reasons.add(e.endpoint() + ": " + e.reason()));
    for (String reason : reasons) {
      output.line(output.styled("problem: ", Style.RED) + reason);
    }
    if (reasons.isEmpty()) {
      output.line(output.styled("all certificates OK", Style.GREEN));
    }
  }

  private static String shortArn(String arn) {
    int slash = arn.indexOf('/');
    return slash >= 0 ? arn.substring(arn.lastIndexOf(':', slash) + 1) : arn;
  }

  private static Object verdictCell(String verdict) {
    return Output.cell(
        verdict,
        switch (verdict) {
          case "OK" -> Style.GREEN;
          case "EXPIRING" -> Style.YELLOW;
          default -> Style.RED;
        });
  }
}
