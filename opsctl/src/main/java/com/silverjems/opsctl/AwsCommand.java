package com.silverjems.opsctl;

/**
 * Marks a command that talks to AWS: while it runs, expired silences are swept (their CloudWatch
 * alarm actions re-enabled) in the background, so a forgotten silence ends with the next opsctl run
 * even where no scheduled sweep is set up.
 */
public interface AwsCommand {}
