package com.silverjems.opsctl.certs;

import com.silverjems.opsctl.AwsCommand;
import com.silverjems.opsctl.Durations;
import com.silverjems.opsctl.ExitCode;
import com.silverjems.opsctl.Output;
import com.silverjems.opsctl.RunContext;
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
        "Certificate expiry: ACM certificates (status, NotAfter, where used, renewal) in the platform's region and us-east-1 (CloudFront's), and live TLS endpoints (leaf and each chain certificate, chain trust and hostname, each reported separately). Tiers: OK (exit 0); WARNING within --days (exit 1); CRITICAL within 7 days, expired, untrusted or for another host (exit 10); UNREACHABLE (exit 9). The worst tier decides the exit code.",
    mixinStandardHelpOptions = true)
public final class CertsCommand implements Callable<Integer>, AwsCommand {

  private final RunContext context;

  CertsCommand(RunContext context) {
    this.context = context;
  }

  static final String WARNING = "WARNING";
  static final String CRITICAL = "CRITICAL";
  static final String UNREACHABLE = "UNREACHABLE";

  /** ACM statuses that mean the certificate cannot serve traffic. */
  private static final Set<String> BROKEN_STATUSES =
      Set.of("EXPIRED", "REVOKED", "FAILED", "VALIDATION_TIMED_OUT");

  @Spec CommandSpec spec;

  @Option(
      names = "--days",
      paramLabel = "N",
      defaultValue = "30",
      description =
          "WARNING for certificates expiring within N days, 1 to 3650 (default: ${DEFAULT-VALUE}); within 7 days is CRITICAL.")
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

  /** Within this many days a certificate is CRITICAL whatever --days says. */
  static final int CRITICAL_DAYS = 7;

  @Override
  public Integer call() {
    if (noAcm && endpoints.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--no-acm needs at least one --endpoint");
    }
    if (days < 1 || days > 3650) {
      throw new ParameterException(
          spec.commandLine(), "--days must be between 1 and 3650, not " + days);
    }
    if (connectTimeout.isZero()) {
      throw new ParameterException(spec.commandLine(), "--connect-timeout must be more than 0s");
    }
    for (String endpoint : endpoints) {
      if (!TlsProbe.validEndpoint(endpoint)) {
        throw new ParameterException(
            spec.commandLine(),
            "--endpoint takes HOST:PORT (e.g. shop.example.com:443), not '" + endpoint + "'");
      }
    }
    for (String region : acmRegions) {
      if (!region.matches("[a-z]{2,}(-[a-z0-9]+)+")) {
        throw new ParameterException(
            spec.commandLine(), "--acm-region '" + region + "' is not an AWS region");
      }
    }
    Output output = context.output();
    Instant now = context.clock().instant();
    List<AcmCertificate> acm = noAcm ? List.of() : acm(context, now);
    List<Endpoint> live = new ArrayList<>();
    if (!endpoints.isEmpty()) {
      TlsProbe probe = new TlsProbe(trustAnchors(), connectTimeout);
      for (String endpoint : endpoints) {
        output.detail("probing " + endpoint);
        live.add(judge(probe.probe(endpoint, now), now));
      }
    }
    List<String> verdicts = new ArrayList<>();
    acm.forEach(c -> verdicts.add(c.verdict()));
    live.forEach(e -> verdicts.add(e.verdict()));
    boolean ok = verdicts.stream().allMatch("OK"::equals);
    Report report = new Report(days, ok, acm, live);
    if (output.json()) {
      output.json(report);
    } else {
      render(report, output);
    }
    // The worst tier decides: something known to be broken beats something not looked at.
    if (verdicts.contains(CRITICAL)) {
      return ExitCode.CRITICAL;
    }
    if (verdicts.contains(UNREACHABLE)) {
      return ExitCode.UNREACHABLE;
    }
    return verdicts.contains(WARNING) ? ExitCode.FINDINGS : ExitCode.OK;
  }

  private List<AcmCertificate> acm(RunContext context, Instant now) {
    Set<String> regions = new LinkedHashSet<>(acmRegions);
    if (regions.isEmpty()) {
      regions.add(context.aws().region().id());
      regions.add("us-east-1");
    }
    List<AcmCertificate> certificates = new ArrayList<>();
    for (String region : regions) {
      AcmClient client = context.aws().acm(Region.of(region));
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
      verdict = CRITICAL;
      reason = "status " + status;
    } else if ("FAILED".equals(renewalStatus)) {
      verdict = CRITICAL;
      reason = "renewal failed: " + detail.renewalSummary().renewalStatusReasonAsString();
    } else if (detail.notAfter() != null && detail.notAfter().isBefore(now)) {
      verdict = CRITICAL;
      reason = expiry(left, true);
    } else if (left != null && left <= days) {
      verdict = left <= CRITICAL_DAYS ? CRITICAL : WARNING;
      reason =
          expiry(left, false)
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
          UNREACHABLE,
          "TLS handshake with " + result.endpoint() + ": no answer (" + result.error() + ")");
    }
    long left = daysLeft(result.notAfter(), now);
    List<String> reasons = new ArrayList<>();
    String verdict = "OK";
    boolean expired = result.notAfter().isBefore(now);
    if (expired || left <= CRITICAL_DAYS) {
      verdict = CRITICAL;
      reasons.add("leaf " + result.subject() + " " + expiry(left, expired));
    } else if (left <= days) {
      verdict = WARNING;
      reasons.add("leaf " + result.subject() + " " + expiry(left, false));
    }
    for (TlsProbe.ChainCertificate certificate : result.chain().subList(1, result.chain().size())) {
      long chainLeft = daysLeft(certificate.notAfter(), now);
      boolean chainExpired = certificate.notAfter().isBefore(now);
      if (chainExpired || chainLeft <= days) {
        verdict =
            chainExpired || chainLeft <= CRITICAL_DAYS
                ? CRITICAL
                : "OK".equals(verdict) ? WARNING : verdict;
        reasons.add(
            "chain certificate " + certificate.subject() + " " + expiry(chainLeft, chainExpired));
      }
    }
    if (!result.hostnameMatches()) {
      verdict = CRITICAL;
      reasons.add("hostname not in certificate " + result.names());
    }
    if (!result.chainTrusted()) {
      verdict = CRITICAL;
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

  /** "expires in 10 days", "expires today", "expired 2 days ago". */
  static String expiry(Long left, boolean expired) {
    if (left == null) {
      return expired ? "expired" : "expiry unknown";
    }
    long n = Math.abs(left);
    String count = n + (n == 1 ? " day" : " days");
    if (expired) {
      return n == 0 ? "expired today" : "expired " + count + " ago";
    }
    return n == 0 ? "expires today" : "expires in " + count;
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
          case WARNING, UNREACHABLE -> Style.YELLOW;
          default -> Style.RED;
        });
  }
}
