#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer where the project expects them (PGHOST/PGPORT,
# REDIS_HOST/REDIS_PORT; default 127.0.0.1:5432 and 127.0.0.1:6379). Starts them when they are
# installed but stopped; installs them with apt when running as root on Debian; otherwise stops
# with a message that says what to install. Also installs OpenSSH's server, which the SFTP tests
# start on a loopback port of their own (nothing is started here), and, except with --demo, a JDK
# for the rule-rendering tests. Used by `npm run demo` (with --demo) and .ci/run.
set -euo pipefail

FOR_DEMO=false
for arg in "$@"; do
  case "$arg" in
    --demo) FOR_DEMO=true ;;
    *) printf '[services] unknown argument %s (usage: ensure-services.sh [--demo])\n' "$arg" >&2; exit 2 ;;
  esac
done

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}

say() { printf '[services] %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for_port() {
  local host=$1 port=$2 name=$3
  for _ in $(seq 1 60); do
    port_open "$host" "$port" && return 0
    sleep 0.5
  done
  say "$name did not start listening on $host:$port within 30 s"
  return 1
}

can_apt_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
  say "installing $* with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "$@" >&2
}

# A cluster we just installed only accepts password logins over TCP. For this local development
# server, let user postgres (the schema owner) and ade_app (the application's role, created by the
# migrations) in from loopback without one, as the demo and tests expect.
trust_loopback_for_postgres() {
  local hba=/etc/postgresql/$1/main/pg_hba.conf
  grep -q '^host all ade_app 127.0.0.1/32 trust' "$hba" && return 0
  say "allowing users postgres and ade_app to connect from 127.0.0.1 without a password ($hba)"
  sed -i '1i host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust\nhost all ade_app 127.0.0.1/32 trust\nhost all ade_app ::1/128 trust' "$hba"
}

start_postgres() {
  local installed_now=no
  if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    if can_apt_install; then
      apt_install postgresql
      installed_now=yes
    else
      say "PostgreSQL is not running on $PGHOST:$PGPORT and is not installed."
      say "Install PostgreSQL 15 or newer (Debian/Ubuntu: sudo apt-get install postgresql; macOS: brew install postgresql@16),"
      say "start it, and make user 'postgres' able to connect over TCP, or set DATABASE_URL to a server you have."
      exit 1
    fi
  fi
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$version" ]; then
    say "PostgreSQL is installed but no cluster exists; create one with pg_createcluster and re-run."
    exit 1
  fi
  [ "$installed_now" = yes ] && trust_loopback_for_postgres "$version"
  say "starting PostgreSQL $version"
  if [ "$(id -u)" = 0 ]; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  else
    pg_ctlcluster "$version" main start >&2 || true
  fi
  wait_for_port "$PGHOST" "$PGPORT" PostgreSQL
  # apt may have started the cluster before pg_hba.conf was changed.
  [ "$installed_now" = yes ] && pg_ctlcluster --skip-systemctl-redirect "$version" main reload >&2 || true
}

start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    if can_apt_install; then
      apt_install redis-server
    else
      say "Redis is not running on $REDIS_HOST:$REDIS_PORT and is not installed."
      say "Install Redis 7 (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) and start it,"
      say "or set REDIS_URL to a server you have. BullMQ needs maxmemory-policy noeviction."
      exit 1
    fi
  fi
  say "starting Redis on $REDIS_HOST:$REDIS_PORT"
  redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save "" --appendonly no \
    --maxmemory-policy noeviction >&2
  wait_for_port "$REDIS_HOST" "$REDIS_PORT" Redis
}

# The SFTP suites start their own sshd; a machine without one gets it from apt, or a note.
ensure_sshd() {
  [ -x /usr/sbin/sshd ] && return 0
  if can_apt_install; then
    apt_install openssh-server
  else
    say "OpenSSH's server (/usr/sbin/sshd) is missing: the SFTP tests need it (Debian/Ubuntu: sudo apt-get install openssh-server)."
  fi
}

# The Databricks rendering of the healthcare rules is checked against java.util.regex, the regex
# engine Spark uses, run from source by a JDK's `java` (the JRE alone cannot compile it).
ensure_java() {
  command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1 && return 0
  if can_apt_install; then
    apt_install default-jdk-headless
  else
    say "A JDK (java and javac, 11 or newer) is missing: the rule-rendering tests need it (Debian/Ubuntu: sudo apt-get install default-jdk-headless)."
  fi
}

if port_open "$PGHOST" "$PGPORT"; then say "PostgreSQL is up on $PGHOST:$PGPORT"; else start_postgres; fi
if port_open "$REDIS_HOST" "$REDIS_PORT"; then say "Redis is up on $REDIS_HOST:$REDIS_PORT"; else start_redis; fi
ensure_sshd
# The demo runs no test, so a fresh machine is not made to install a JDK for it.
[ "$FOR_DEMO" = true ] || ensure_java
