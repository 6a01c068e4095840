package com.silverjems.shop.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * No session: 401; a session without the right: 403; both as problem details, never a redirect to a
 * login page (the API's callers are scripts and the single-page storefront).
 */
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ObjectMapper json;

  ProblemResponses(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    write(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        "sign-in-required",
        "Sign-in required",
        "Sign in to continue.");
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    if (e instanceof CsrfException) {
      write(
          request,
          response,
          HttpStatus.FORBIDDEN,
          "csrf-token-invalid",
          "CSRF token missing or invalid",
          "Send the value of the XSRF-TOKEN cookie in the X-XSRF-TOKEN header.");
    } else {
      write(
          request,
          response,
          HttpStatus.FORBIDDEN,
          "forbidden",
          "Forbidden",
          "Your session does not allow this.");
    }
  }

  private void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      String type,
      String title,
      String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(IdentityProblems.TYPE_BASE + type));
    problem.setTitle(title);
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
