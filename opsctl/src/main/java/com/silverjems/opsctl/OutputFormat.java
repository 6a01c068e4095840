package com.silverjems.opsctl;

/** How data is written to stdout: aligned tables for people, JSON for scripts. */
public enum OutputFormat {
  table,
  json
}
