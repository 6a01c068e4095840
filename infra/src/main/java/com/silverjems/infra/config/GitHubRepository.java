package com.silverjems.infra.config;

/**
 * Where the release workflows run, and from which branch each environment may be deployed.
 *
 * @param owner GitHub organisation or user
 * @param name repository name
 */
public record GitHubRepository(String owner, String name) {

  /**
   * The OIDC {@code sub} claim of a job running in a GitHub deployment environment on a branch. The
   * repository's OIDC subject template must include {@code repo}, {@code context} and {@code ref}
   * (set once with {@code gh api}, see README): the default template drops the branch when a job
   * names an environment, and a role must be scoped to both.
   */
  public String subject(String environment, String branch) {
    return "repo:"
        + owner
        + "/"
        + name
        + ":environment:"
        + environment
        + ":ref:refs/heads/"
        + branch;
  }
}
