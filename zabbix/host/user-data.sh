#!/bin/bash
# User data of the environment's monitoring host (infra's ZabbixHost, an EC2 instance in the
# VPC's app subnets): the Zabbix server 6.0 (Debian's packages) with a local PostgreSQL for its
# own data, and Zabbix agent 2 with this folder's UserParameters, which watches
#   - RDS (primary and replica) as the read-only role silverjems_monitoring (migration V50), its
#     password read from its secret into a pgpass file;
#   - ElastiCache over TLS with the AUTH token: agent 2's Redis plugin speaks plain TCP, so
#     stunnel carries it to the replication group's TLS endpoint (verified against the system CAs);
#   - this host itself (Linux template) and the site's certificate (web.certificate).
# The frontend (nginx + php-fpm + zabbix-frontend-php, loopback only: the API for the script below)
# runs beside the server; configure-zabbix.sh (from the S3 asset of zabbix/host and zabbix/templates)
# then imports the templates, registers the hosts with the stack's endpoints as their macros, and
# replaces Admin's default password with the one from Secrets Manager.
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
ADMIN_PASSWORD_SECRET='@ADMIN_PASSWORD_SECRET_ARN@'
ZABBIX_FILES='@ZABBIX_FILES_S3_URL@'
ZABBIX_HOST_NAME='@ZABBIX_HOST_NAME@'
# agent 2's Redis session (below) and the hosts' {$REDIS.CONN.URI} (configure-zabbix.sh): one name.
REDIS_SESSION='elasticache'

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
  zabbix-server-pgsql postgresql \
  zabbix-frontend-php php-fpm php-pgsql nginx \
  zabbix-agent2 postgresql-client stunnel4 awscli jq curl unzip openssl ca-certificates

# --- the Zabbix server's own database (local; Zabbix's data is not the shop's) --------------
if ! sudo -u postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'zabbix'" | grep -q 1; then
  sudo -u postgres createuser zabbix
  sudo -u postgres createdb -O zabbix zabbix
  for part in schema images data; do
    zcat "/usr/share/zabbix-server-pgsql/${part}.sql.gz" | sudo -u zabbix psql -q zabbix
  done
fi
# The frontend (php-fpm runs as www-data) and the server log in with a password over loopback.
if [ ! -s /etc/zabbix/db-password ]; then
  (umask 077; openssl rand -hex 24 > /etc/zabbix/db-password)
fi
ZABBIX_DB_PASSWORD=$(cat /etc/zabbix/db-password)
sudo -u postgres psql -q -c "ALTER ROLE zabbix PASSWORD '${ZABBIX_DB_PASSWORD}'"
sed -i -e 's/^#* *DBHost=.*/DBHost=localhost/' \
  -e "s/^#* *DBPassword=.*/DBPassword=${ZABBIX_DB_PASSWORD}/" /etc/zabbix/zabbix_server.conf
chmod 0640 /etc/zabbix/zabbix_server.conf
chgrp zabbix /etc/zabbix/zabbix_server.conf
systemctl enable --now zabbix-server

# --- the frontend: the API on 127.0.0.1:80 only (no inbound rule; Session Manager forwards) --
PHP_VERSION=$(find /etc/php -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V | tail -n 1)
PHP_CONF_DIR=/etc/php/${PHP_VERSION}/fpm
PHP_FPM_SOCKET=/run/php/php${PHP_VERSION}-fpm.sock
cat > "${PHP_CONF_DIR}/conf.d/99-zabbix.ini" <<'PHP'
memory_limit = 256M
post_max_size = 16M
upload_max_filesize = 2M
max_execution_time = 300
max_input_time = 300
date.timezone = UTC
PHP
umask 027
cat > /etc/zabbix/zabbix.conf.php <<FRONTEND
<?php
\$DB['TYPE'] = 'POSTGRESQL';
\$DB['SERVER'] = 'localhost';
\$DB['PORT'] = '0';
\$DB['DATABASE'] = 'zabbix';
\$DB['USER'] = 'zabbix';
\$DB['PASSWORD'] = '${ZABBIX_DB_PASSWORD}';
\$DB['SCHEMA'] = '';
\$DB['ENCRYPTION'] = false;
\$DB['KEY_FILE'] = '';
\$DB['CERT_FILE'] = '';
\$DB['CA_FILE'] = '';
\$DB['VERIFY_HOST'] = false;
\$DB['CIPHER_LIST'] = '';
\$DB['VAULT_URL'] = '';
\$DB['VAULT_DB_PATH'] = '';
\$DB['VAULT_TOKEN'] = '';
\$DB['DOUBLE_IEEE754'] = true;
\$ZBX_SERVER = '127.0.0.1';
\$ZBX_SERVER_PORT = '10051';
\$ZBX_SERVER_NAME = '${ZABBIX_HOST_NAME}';
\$IMAGE_FORMAT_DEFAULT = IMAGE_FORMAT_PNG;
FRONTEND
chgrp www-data /etc/zabbix/zabbix.conf.php
umask 022
cat > /etc/nginx/sites-available/zabbix <<NGINX
server {
  listen 127.0.0.1:80 default_server;
  root /usr/share/zabbix;
  index index.php;
  location ~ \.php\$ {
    include /etc/nginx/fastcgi_params;
    fastcgi_param SCRIPT_FILENAME \$document_root\$fastcgi_script_name;
    fastcgi_read_timeout 300;
    fastcgi_pass unix:${PHP_FPM_SOCKET};
  }
}
NGINX
rm -f /etc/nginx/sites-enabled/default
ln -sf /etc/nginx/sites-available/zabbix /etc/nginx/sites-enabled/zabbix
systemctl restart "php${PHP_VERSION}-fpm"
systemctl enable nginx
systemctl restart nginx

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
# The hosts' {\$REDIS.CONN.URI} is this session's name (configure-zabbix.sh --redis-uri).
Plugins.Redis.Sessions.${REDIS_SESSION}.Uri=tcp://127.0.0.1:6380
Plugins.Redis.Sessions.${REDIS_SESSION}.Password=${CACHE_TOKEN}
REDIS
chmod 0640 /etc/zabbix/zabbix_agent2.d/plugins.d/silverjems-redis.conf
chgrp zabbix /etc/zabbix/zabbix_agent2.d/plugins.d/silverjems-redis.conf

systemctl daemon-reload
systemctl enable zabbix-agent2
systemctl restart zabbix-agent2

# --- templates, hosts and Admin's password, through the API (idempotent: safe at every boot) -
install -d -m 0755 /opt/silverjems/zabbix
aws s3 cp --region "$REGION" --only-show-errors "$ZABBIX_FILES" /opt/silverjems/zabbix.zip
unzip -o -q /opt/silverjems/zabbix.zip -d /opt/silverjems/zabbix
API=http://127.0.0.1/api_jsonrpc.php
for _ in $(seq 60); do
  if curl -sf -H 'Content-Type: application/json-rpc' \
    -d '{"jsonrpc":"2.0","method":"apiinfo.version","params":{},"id":1}' "$API" >/dev/null; then
    break
  fi
  sleep 5
done
ZABBIX_NEW_PASSWORD=$(secret "$ADMIN_PASSWORD_SECRET") \
  bash /opt/silverjems/zabbix/host/configure-zabbix.sh \
  --api "$API" \
  --templates /opt/silverjems/zabbix/templates \
  --host "$ZABBIX_HOST_NAME" \
  --agent-ip 127.0.0.1 \
  --agent-port 10050 \
  --db-host "$DB_HOST" \
  --db-replica-host "$DB_REPLICA_HOST" \
  --db-port "$DB_PORT" \
  --db-user "$MONITORING_USER" \
  --redis-uri "$REDIS_SESSION"
