#!/bin/bash
# User data of the environment's monitoring host (infra's ZabbixHost, an EC2 instance in the
# VPC's app subnets): the Zabbix server 6.0 (Debian's packages) with a local PostgreSQL for its
# own data, and Zabbix agent 2 with this folder's UserParameters, which watches
#   - RDS (primary and replica) as the read-only role silverjems_monitoring (migration V50), its
#     password read from its secret into a pgpass file;
#   - ElastiCache over TLS with the AUTH token: agent 2's Redis plugin speaks plain TCP, so
#     stunnel carries it to the replication group's TLS endpoint (verified against the system CAs);
#   - this host itself (Linux template) and the site's certificate (web.certificate).
# infra fills in the @...@ values; ZabbixHostTest compares the synthesized user data with this file.
set -euo pipefail

REGION='@REGION@'
DB_HOST='@DB_HOST@'
DB_REPLICA_HOST='@DB_REPLICA_HOST@'
DB_PORT='@DB_PORT@'
MONITORING_SECRET='@MONITORING_SECRET_ARN@'
CACHE_HOST='@CACHE_HOST@'
CACHE_PORT='@CACHE_PORT@'
CACHE_TOKEN_SECRET='@CACHE_TOKEN_SECRET_ARN@'

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
  zabbix-server-pgsql postgresql \
  zabbix-agent2 postgresql-client stunnel4 awscli jq ca-certificates

# --- the Zabbix server's own database (local; Zabbix's data is not the shop's) --------------
if ! sudo -u postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'zabbix'" | grep -q 1; then
  sudo -u postgres createuser zabbix
  sudo -u postgres createdb -O zabbix zabbix
  for part in schema images data; do
    zcat "/usr/share/zabbix-server-pgsql/${part}.sql.gz" | sudo -u zabbix psql -q zabbix
  done
fi
sed -i 's/^# DBHost=.*/DBHost=/' /etc/zabbix/zabbix_server.conf
systemctl enable --now zabbix-server

# --- agent 2: PostgreSQL UserParameters as the monitoring role ------------------------------
install -d -o zabbix -g zabbix -m 0700 /var/lib/zabbix
secret() {
  aws secretsmanager get-secret-value --region "$REGION" --secret-id "$1" \
    --query SecretString --output text
}
MONITORING_USER=$(secret "$MONITORING_SECRET" | jq -r .username)
MONITORING_PASSWORD=$(secret "$MONITORING_SECRET" | jq -r .password)
umask 077
{
  echo "${DB_HOST}:${DB_PORT}:*:${MONITORING_USER}:${MONITORING_PASSWORD}"
  echo "${DB_REPLICA_HOST}:${DB_PORT}:*:${MONITORING_USER}:${MONITORING_PASSWORD}"
} > /var/lib/zabbix/.pgpass
chown zabbix:zabbix /var/lib/zabbix/.pgpass
cat > /etc/zabbix/zabbix_agent2.d/userparameter_silverjems_pgsql.conf <<'USERPARAMETERS'
@PGSQL_USERPARAMETERS@
USERPARAMETERS
install -d /etc/systemd/system/zabbix-agent2.service.d
cat > /etc/systemd/system/zabbix-agent2.service.d/silverjems.conf <<'UNIT'
[Service]
Environment=PGPASSFILE=/var/lib/zabbix/.pgpass
Environment=PGSSLMODE=require
UNIT

# --- Redis over TLS with AUTH: stunnel 127.0.0.1:6380 -> ElastiCache's TLS endpoint ----------
cat > /etc/stunnel/elasticache.conf <<STUNNEL
[elasticache]
client = yes
accept = 127.0.0.1:6380
connect = ${CACHE_HOST}:${CACHE_PORT}
verifyChain = yes
CAfile = /etc/ssl/certs/ca-certificates.crt
checkHost = ${CACHE_HOST}
STUNNEL
systemctl enable --now stunnel4
CACHE_TOKEN=$(secret "$CACHE_TOKEN_SECRET")
cat > /etc/zabbix/zabbix_agent2.d/plugins.d/silverjems-redis.conf <<REDIS
# The template's {\$REDIS.CONN.URI} is this session's name: elasticache.
Plugins.Redis.Sessions.elasticache.Uri=tcp://127.0.0.1:6380
Plugins.Redis.Sessions.elasticache.Password=${CACHE_TOKEN}
REDIS
chmod 0640 /etc/zabbix/zabbix_agent2.d/plugins.d/silverjems-redis.conf
chgrp zabbix /etc/zabbix/zabbix_agent2.d/plugins.d/silverjems-redis.conf

systemctl daemon-reload
systemctl enable zabbix-agent2
systemctl restart zabbix-agent2
