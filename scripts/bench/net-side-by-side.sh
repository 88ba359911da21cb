#!/usr/bin/env bash
# Network WIMs against local files, in one run over loopback: `apply` of the same XPRESS WIM
# from a local file, from nginx (HTTP range reads) and from an SMB share (smbd), and `capture`
# of the same tree to a local file and to the share. Prints median wall and CPU time, the ratio
# to local, and the bytes nginx sent per apply against the WIM's size. The tree is generated
# (bench SampleTrees, about MEGABYTES MiB); the cases alternate run by run, so that load from
# elsewhere hits all alike. The servers run on free ports of 127.0.0.1 with a throwaway
# configuration, account and share in a temporary directory, and are stopped at the end.
# Usage: scripts/bench/net-side-by-side.sh [MEGABYTES] [RUNS]
# SMB_SIGNING=default leaves smbd's signing at Samba's default (not required) instead of
# mandatory; smbj signs either way (see docs/performance.md, issue 27).
# Every case runs through ./jwim, as users run it (JDK 25 and its AOT cache when there is one);
# NET_BENCH_JAR=1 runs `java -jar` instead (JAVA and JAVA_OPTS as in lib.sh), the old way.
# Needs: root (smbd serves shares only when started as root), nginx and samba (Debian: nginx,
# samba), GNU time, wimlib-imagex (checked by lib.sh), built jars (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/bench/lib.sh
[ "${NET_BENCH_JAR:-0}" = 1 ] || jwim=("$PWD/jwim")
PATH=$PATH:/usr/sbin
needs nginx smbd smbpasswd python3
[ "$(id -u)" -eq 0 ] || { echo "smbd serves shares only when started as root" >&2; exit 1; }
mb=${1:-256}
runs=${2:-3}

work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2; exit 1
}

java -cp "$bench" org.jwim.bench.SampleTrees "$work/src" "$mb"
"${jwim[@]}" capture "$work/src" "$work/ref.wim" --compress=xpress >/dev/null
wim_bytes=$(stat -c %s "$work/ref.wim")

# nginx: the access log holds the body bytes of every answer
http=$(free_port)
mkdir -p "$work/nginx/www" "$work/nginx/tmp"
cp "$work/ref.wim" "$work/nginx/www/ref.wim"
t=$work/nginx/tmp
cat >"$work/nginx/nginx.conf" <<EOF
daemon off; user root; worker_processes 2; pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 256; }
http {
  log_format bytes '\$body_bytes_sent';
  access_log $work/nginx/access.log bytes;
  client_body_temp_path $t; proxy_temp_path $t; fastcgi_temp_path $t; uwsgi_temp_path $t; scgi_temp_path $t;
  server { listen 127.0.0.1:$http; root $work/nginx/www; }
}
EOF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" >"$work/nginx/out" 2>&1 &
pids+=($!)

# smbd: share "images" with signing required (unless SMB_SIGNING=default), account root with a
# throwaway password
smb=$(free_port)
s=$work/smb/state
mkdir -p "$s" "$work/smb/share"
cp "$work/ref.wim" "$work/smb/share/ref.wim"
cat >"$work/smb/smb.conf" <<EOF
[global]
smb ports = $smb
interfaces = 127.0.0.1
bind interfaces only = yes
private dir = $s
lock directory = $s
state directory = $s
cache directory = $s
pid directory = $s
ncalrpc dir = $s/ncalrpc
passdb backend = tdbsam:$s/passdb.tdb
log file = $work/smb/log.%m
disable spoolss = yes
load printers = no
server role = standalone server
server signing = ${SMB_SIGNING:-mandatory}
[images]
path = $work/smb/share
read only = no
EOF
export JWIM_SMB_PASSWORD=jwim-bench-secret
printf '%s\n%s\n' "$JWIM_SMB_PASSWORD" "$JWIM_SMB_PASSWORD" |
  smbpasswd -c "$work/smb/smb.conf" -a -s root >/dev/null
smbd --foreground --configfile="$work/smb/smb.conf" >"$work/smb/out" 2>&1 &
pids+=($!)
wait_port "$http"
wait_port "$smb"
share=smb://root@127.0.0.1:$smb/images

# case NAME: one timed run of that case; appends "wall cpu" to $work/NAME
run_case() {
  local cmd
  rm -rf "$work/out" "$work/cap.wim" "$work/smb/share/cap.wim"
  # the previous case's output (512 MiB of files after an apply) is written back before this
  # one starts; else that kernel time lands on whichever case runs next, not on its cause
  sync
  case $1 in
    apply-local)   cmd=(apply "$work/ref.wim" 1 "$work/out") ;;
    apply-http)    cmd=(apply "http://127.0.0.1:$http/ref.wim" 1 "$work/out") ;;
    apply-smb)     cmd=(apply "$share/ref.wim" 1 "$work/out") ;;
    capture-local) cmd=(capture "$work/src" "$work/cap.wim" --compress=xpress) ;;
    capture-smb)   cmd=(capture "$work/src" "$share/cap.wim" --compress=xpress) ;;
  esac
  : >"$work/nginx/access.log"
  /usr/bin/time -f '%e %U %S' -o "$work/time" "${jwim[@]}" "${cmd[@]}" >"$work/log" 2>&1 ||
    { cat "$work/log" >&2; exit 1; }
  awk '{print $1, $2 + $3}' "$work/time" >>"$work/$1"
  if [ "$1" = apply-http ]; then
    awk '{s += $1} END {print s}' "$work/nginx/access.log" >>"$work/http-bytes"
  fi
}

cases=(apply-local apply-http apply-smb capture-local capture-smb)
for _ in $(seq "$runs"); do
  for c in "${cases[@]}"; do run_case "$c"; done
done

printf '%s MiB tree, XPRESS WIM of %s bytes, %s runs each (medians)\n' "$mb" "$wim_bytes" "$runs"
printf '%-14s %9s %9s %12s\n' case wall_s cpu_s wall/local
for c in "${cases[@]}"; do
  wall=$(cut -d' ' -f1 "$work/$c" | median)
  cpu=$(cut -d' ' -f2 "$work/$c" | median)
  base=$(cut -d' ' -f1 "$work/${c%%-*}-local" | median)
  printf '%-14s %9.2f %9.2f %12.2f\n' "$c" "$wall" "$cpu" "$(awk -v a="$wall" -v b="$base" 'BEGIN {print a / b}')"
done
sent=$(median <"$work/http-bytes")
printf 'nginx sent %s bytes per apply: %.4fx the WIM\n' "$sent" "$(awk -v a="$sent" -v b="$wim_bytes" 'BEGIN {print a / b}')"
