package com.silverjems.infra.data;

/**
 * The data stack's parts as the stacks that use them receive them: the database, the cache, the
 * buckets, the email identity with its delivery events, and the application secrets.
 */
public record PlatformData(
    Database database, Cache cache, Buckets buckets, EmailEvents email, AppSecrets secrets) {}
