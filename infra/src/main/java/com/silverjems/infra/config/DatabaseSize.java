package com.silverjems.infra.config;

/**
 * The PostgreSQL primary and its read replica.
 *
 * @param instanceType e.g. {@code t4g.medium}
 * @param allocatedStorageGiB initial storage; storage autoscaling may grow it to four times this
 * @param backupRetentionDays automated backups kept this many days
 * @param maxConnections the instance's {@code max_connections}, which the connection alarm is
 *     measured against
 */
public record DatabaseSize(
    String instanceType, int allocatedStorageGiB, int backupRetentionDays, int maxConnections) {}
