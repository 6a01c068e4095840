#!/bin/bash
# Configures a running Zabbix 6.0 through its API, idempotently (run at every boot of the host, and
# by ZabbixServerIT twice against a real server):
#   1. logs in as Admin (with the new password once it was changed, else with the default);
#   2. imports every template of --templates (configuration.import, createMissing/updateExisting);
#   3. creates or updates the watched hosts, polled through agent 2 at --agent-ip:--agent-port:
#        --host         this host: Linux, PostgreSQL (primary) and Redis templates, with the macros;
#        --replica-host (if --db-replica-host is given) PostgreSQL on the read replica;
#   4. sets Admin's password to $ZABBIX_NEW_PASSWORD.
# Passwords come from the environment, never the command line (ps shows arguments):
#   ZABBIX_PASSWORD      the password before the first run (default: zabbix, Zabbix's own)
#   ZABBIX_NEW_PASSWORD  Admin's password from now on (required)
# Usage: configure-zabbix.sh --api URL --templates DIR --host NAME [--replica-host NAME]
#          --agent-ip IP [--agent-port PORT] --db-host HOST [--db-replica-host HOST] --db-port PORT
#          --db-user USER --redis-uri SESSION_OR_URI [--group NAME]
set -euo pipefail

api='' templates='' host='' replica_host='' agent_ip='' agent_port=10050
db_host='' db_replica_host='' db_port='' db_user='' redis_uri='' group='Silver Jems'
while [ $# -gt 0 ]; do
  case "$1" in
    --api) api=$2 ;;
    --templates) templates=$2 ;;
    --host) host=$2 ;;
    --replica-host) replica_host=$2 ;;
    --agent-ip) agent_ip=$2 ;;
    --agent-port) agent_port=$2 ;;
    --db-host) db_host=$2 ;;
    --db-replica-host) db_replica_host=$2 ;;
    --db-port) db_port=$2 ;;
    --db-user) db_user=$2 ;;
    --redis-uri) redis_uri=$2 ;;
    --group) group=$2 ;;
    *) echo "configure-zabbix: unknown argument $1" >&2; exit 2 ;;
  esac
  shift 2
done
for required in api templates host agent_ip db_host db_port db_user redis_uri; do
  if [ -z "${!required}" ]; then
    echo "configure-zabbix: --${required//_/-} is required" >&2
    exit 2
  fi
done
: "${ZABBIX_NEW_PASSWORD:?configure-zabbix: ZABBIX_NEW_PASSWORD is required}"
if [ -n "$db_replica_host" ] && [ -z "$replica_host" ]; then
  replica_host="${host}-replica"
fi

token=''
# call METHOD PARAMS_JSON: prints the result, fails on an API error (the body goes through stdin).
call() {
  local request response
  request=$(jq -cn --arg method "$1" --argjson params "$2" --arg auth "$token" \
    '{jsonrpc: "2.0", method: $method, params: $params, id: 1}
     + (if $auth == "" then {} else {auth: $auth} end)')
  response=$(curl -sS --fail --max-time 300 -H 'Content-Type: application/json-rpc' \
    --data-binary @- "$api" <<<"$request")
  if jq -e 'has("error")' <<<"$response" >/dev/null; then
    echo "configure-zabbix: $1 failed: $(jq -c .error <<<"$response")" >&2
    return 1
  fi
  jq -c .result <<<"$response"
}

login() {
  call user.login "$(jq -cn --arg password "$1" '{username: "Admin", password: $password}')" \
    2>/dev/null | jq -r .
}

# --- 1. log in: the new password once it is set, the default (or given) one before ------------
password_changed=true
token=$(login "$ZABBIX_NEW_PASSWORD") || {
  password_changed=false
  token=$(login "${ZABBIX_PASSWORD:-zabbix}")
} || {
  echo "configure-zabbix: cannot log in as Admin with the new or the current password" >&2
  exit 1
}

# --- 2. every template of the repository ------------------------------------------------------
rules='{
  "groups": {"createMissing": true},
  "templates": {"createMissing": true, "updateExisting": true},
  "items": {"createMissing": true, "updateExisting": true},
  "triggers": {"createMissing": true, "updateExisting": true},
  "valueMaps": {"createMissing": true, "updateExisting": true},
  "templateLinkage": {"createMissing": true}
}'
shopt -s nullglob
files=("$templates"/*.yaml)
if [ ${#files[@]} -eq 0 ]; then
  echo "configure-zabbix: no templates in $templates" >&2
  exit 1
fi
for file in "${files[@]}"; do
  call configuration.import "$(jq -cn --rawfile source "$file" --argjson rules "$rules" \
    '{format: "yaml", source: $source, rules: $rules}')" >/dev/null
  echo "configure-zabbix: imported $(basename "$file")" >&2
done

template_id() {
  call template.get "$(jq -cn --arg name "$1" '{output: ["templateid"], filter: {host: [$name]}}')" \
    | jq -er '.[0].templateid'
}
linux=$(template_id 'Silver Jems Linux by Zabbix agent')
postgresql=$(template_id 'Silver Jems PostgreSQL by Zabbix agent')
redis=$(template_id 'Silver Jems Redis by Zabbix agent 2')

group_id=$(call hostgroup.get "$(jq -cn --arg name "$group" '{output: ["groupid"], filter: {name: [$name]}}')" \
  | jq -r '.[0].groupid // empty')
if [ -z "$group_id" ]; then
  group_id=$(call hostgroup.create "$(jq -cn --arg name "$group" '{name: $name}')" | jq -r '.groupids[0]')
fi

# --- 3. the hosts: created once, brought back to this definition on every later run ------------
# upsert NAME TEMPLATE_IDS_JSON MACROS_JSON
upsert() {
  local name=$1 linked=$2 macros=$3 existing interface
  existing=$(call host.get "$(jq -cn --arg name "$name" '{output: ["hostid"], filter: {host: [$name]}}')" \
    | jq -r '.[0].hostid // empty')
  interface=$(jq -cn --arg ip "$agent_ip" --arg port "$agent_port" \
    '{type: 1, main: 1, useip: 1, ip: $ip, dns: "", port: $port}')
  if [ -z "$existing" ]; then
    call host.create "$(jq -cn --arg name "$name" --arg group "$group_id" --argjson linked "$linked" \
      --argjson macros "$macros" --argjson interface "$interface" \
      '{host: $name, groups: [{groupid: $group}], templates: $linked, macros: $macros,
        interfaces: [$interface]}')" >/dev/null
    echo "configure-zabbix: created host $name" >&2
  else
    # Interfaces are updated in place: items of the linked templates refer to them.
    local interface_id
    interface_id=$(call hostinterface.get "$(jq -cn --arg id "$existing" \
      '{output: ["interfaceid"], hostids: [$id], filter: {type: 1, main: 1}}')" | jq -er '.[0].interfaceid')
    call hostinterface.update "$(jq -cn --arg id "$interface_id" --argjson interface "$interface" \
      '$interface + {interfaceid: $id}')" >/dev/null
    call host.update "$(jq -cn --arg id "$existing" --arg group "$group_id" --argjson linked "$linked" \
      --argjson macros "$macros" \
      '{hostid: $id, status: 0, groups: [{groupid: $group}], templates: $linked, macros: $macros}')" >/dev/null
    echo "configure-zabbix: updated host $name" >&2
  fi
}
# macro PG.HOST VALUE: the host macro {$PG.HOST}
macro() {
  jq -cn --arg name "$1" --arg value "$2" '{macro: ("{$" + $name + "}"), value: $value}'
}
upsert "$host" \
  "$(jq -cn --arg l "$linux" --arg p "$postgresql" --arg r "$redis" \
    '[{templateid: $l}, {templateid: $p}, {templateid: $r}]')" \
  "$(jq -sc . <<<"$(macro PG.HOST "$db_host") $(macro PG.PORT "$db_port")
    $(macro PG.USER "$db_user") $(macro REDIS.CONN.URI "$redis_uri")")"
if [ -n "$db_replica_host" ]; then
  upsert "$replica_host" \
    "$(jq -cn --arg p "$postgresql" '[{templateid: $p}]')" \
    "$(jq -sc . <<<"$(macro PG.HOST "$db_replica_host") $(macro PG.PORT "$db_port")
      $(macro PG.USER "$db_user")")"
fi

# --- 4. Admin's password: the default one must not outlive the first boot ----------------------
if [ "$password_changed" = false ]; then
  admin=$(call user.get '{"output": ["userid"], "filter": {"username": ["Admin"]}}' | jq -er '.[0].userid')
  # (Zabbix 6.0 takes no current_passwd here; the session above proved the current one.)
  call user.update "$(jq -cn --arg id "$admin" --arg new "$ZABBIX_NEW_PASSWORD" \
    '{userid: $id, passwd: $new}')" >/dev/null
  echo "configure-zabbix: changed Admin's password" >&2
fi
echo "configure-zabbix: done" >&2
