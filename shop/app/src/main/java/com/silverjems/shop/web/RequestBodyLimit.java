package com.silverjems.shop.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body under {@code /api} (multipart aside) before anything reads it: a
 * declared {@code Content-Length} over the limit is answered 413 at once, unread; a body without
 * one (chunked) is counted as it is read and fails with {@link BodyTooLarge} at the first byte
 * over, which {@link ApiProblems} answers 413 as well. Either way the connection is closed, so the
 * server reads no further. Runs before sessions and security: an oversized body costs nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestBodyLimit extends OncePerRequestFilter {

  static final String WEBHOOK = "/api/payments/webhook";

  private final BodyLimitProperties limits;
  private final ObjectMapper json;

  RequestBodyLimit(BodyLimitProperties limits, ObjectMapper json) {
    this.limits = limits;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String contentType = request.getContentType();
    return !request.getRequestURI().startsWith("/api/")
        || (contentType != null
            && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit =
        (request.getRequestURI().equals(WEBHOOK) ? limits.webhook() : limits.json()).toBytes();
    if (request.getContentLengthLong() > limit) {
      refuse(response, limit);
      return;
    }
    chain.doFilter(new Limited(request, limit), response);
  }

  private void refuse(HttpServletResponse response, long limit) throws IOException {
    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    response.setHeader(HttpHeaders.CONNECTION, "close");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem(limit));
  }

  static ProblemDetail problem(long limit) {
    ProblemDetail problem =
        Problems.of(
            HttpStatus.PAYLOAD_TOO_LARGE,
            "body-too-large",
            "Request body too large",
            "The request body may have at most " + limit + " bytes.");
    problem.setProperty("maxBytes", limit);
    return problem;
  }

  /** Thrown by the body's stream at the first byte over the limit. */
  static final class BodyTooLarge extends IOException {
    final long limit;

    BodyTooLarge(long limit) {
      super("request body over " + limit + " bytes");
      this.limit = limit;
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream counted;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (counted == null) {
        counted = new Counted(super.getInputStream(), limit);
      }
      return counted;
    }

    @Override
    public java.io.BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      return new java.io.BufferedReader(
          new java.io.InputStreamReader(
              getInputStream(),
              encoding == null ? java.nio.charset.StandardCharsets.UTF_8.name() : encoding));
    }
  }

  private static final class Counted extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    Counted(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      // Never ask for more than one byte past the limit: the excess is never buffered.
      int n = in.read(buffer, offset, (int) Math.min(length, limit - read + 1));
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLarge {
      read += n;
      if (read > limit) {
        throw new BodyTooLarge(limit);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
