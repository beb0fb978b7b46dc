# Shared by ./fedctl, ./run-tests and .ci/run: find a JDK, install what is missing.
# shellcheck shell=bash

MERIDIAN_ROOT="${MERIDIAN_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

meridian_die() {
  echo "error: $*" >&2
  exit 1
}

# Sets JAVA_HOME to a JDK >= 21 (Meridian targets Java 21 and builds on any newer JDK).
meridian_require_jdk() {
  local candidates=() java major best="" best_major=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$d/bin/javac" ] && candidates+=("$d")
  done
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for d in "${candidates[@]}"; do
    java="$d/bin/java"
    [ -x "$java" ] && [ -x "$d/bin/javac" ] || continue
    major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$d"
      best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    meridian_die "Meridian needs a JDK 21 or newer and found none (looked at JAVA_HOME, /usr/lib/jvm and the PATH).
Install one, for example: sudo apt-get install -y openjdk-21-jdk (or a Temurin 21/25 JDK), then run this again."
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  if [ "$best_major" -ge 24 ]; then
    # Maven's own Guice still uses sun.misc.Unsafe; keep its warnings out of every build log.
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

meridian_sudo() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    meridian_die "need root to run: $* (install sudo or run as root)"
  fi
}

# Installs Debian packages whose command is missing: meridian_ensure_packages cmd:package ...
meridian_ensure_packages() {
  local missing=() pair cmd pkg
  for pair in "$@"; do
    cmd="${pair%%:*}"
    pkg="${pair##*:}"
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || meridian_die "missing ${missing[*]}: install them with your package manager (Debian/Ubuntu: apt-get install -y ${missing[*]})"
  echo "Installing ${missing[*]} ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! meridian_sudo apt-get install -y -q "${missing[@]}" >/dev/null; then
    meridian_sudo apt-get update -q >/dev/null
    meridian_sudo apt-get install -y -q "${missing[@]}" >/dev/null || meridian_die "could not install ${missing[*]}"
  fi
}

meridian_ensure_etcd() {
  meridian_ensure_packages etcd:etcd-server etcdctl:etcd-client
}

# True when a jar is missing or older than any source or POM it is built from.
meridian_stale() {
  local jar="$1"
  shift
  [ -f "$jar" ] || return 0
  # main sources only: a changed test does not change the jar
  [ -n "$(find "$MERIDIAN_ROOT/pom.xml" "$@" -newer "$jar" -not -path '*/src/test/*' -not -path '*/target/*' \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -print -quit 2>/dev/null)" ]
}
