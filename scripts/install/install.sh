#!/usr/bin/env bash
# Installs the Matching package on a Linux server without the internet or the .NET SDK (the package holds its own
# runtime). Run as root from the unpacked package folder:  sudo ./install.sh [--prefix /opt/matching]
#   [--data /srv/matching] [--user matching] [--no-service] [--root <dir>: system files (/usr/local/bin, /etc) under it]
# It creates the service user and the data folders, copies the program, puts `matching` on PATH
# (/usr/local/bin/matching) with MATCHING_DB for every login shell (/etc/profile.d/matching.sh), and installs the
# systemd unit with those paths and that user. Safe to run again (an upgrade): data, jobs/worker.json and
# matching.json already there are kept; the program is replaced.
set -euo pipefail
prefix=/opt/matching data=/srv/matching user=matching service=1 root=
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --user) user=$2; shift 2 ;;
    --no-service) service=0; shift ;;
    --root) root=$2; shift 2 ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 1 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo ./install.sh)" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$here/matching" ] || { echo "install.sh: run it from the unpacked package (no $here/matching)" >&2; exit 1; }
[ "$here" != "$(mkdir -p "$prefix" && cd "$prefix" && pwd)" ] || { echo "install.sh: run it from the unpacked package, not from $prefix" >&2; exit 1; }

# The service user: a system account without a login shell, owning the data folder only.
if ! id "$user" >/dev/null 2>&1; then
  useradd --system --home-dir "$data" --no-create-home --shell /usr/sbin/nologin "$user"
  echo "created user $user"
fi

# The program: replaced whole, except a matching.json the bureau has edited.
mkdir -p "$prefix"
keep=""
[ -f "$prefix/matching.json" ] && keep=$(mktemp) && cp "$prefix/matching.json" "$keep"
find "$prefix" -mindepth 1 -maxdepth 1 ! -name matching.json -exec rm -rf {} +
cp -a "$here/." "$prefix/"
[ -n "$keep" ] && cp "$keep" "$prefix/matching.json" && rm -f "$keep" && echo "kept $prefix/matching.json"
chown -R root:root "$prefix"
chmod -R go-w "$prefix"
mkdir -p "$root/usr/local/bin"
ln -sf "$prefix/matching" "$root/usr/local/bin/matching"

# The data: database, drop folders, archive, rejected, outbox, logs; readable by the service user only (and root).
for folder in "$data" "$data/data" "$data/drop" "$data/archive" "$data/rejected" "$data/outbox" "$data/logs" "$data/jobs" "$data/out"; do
  mkdir -p "$folder"
done
[ -f "$data/jobs/worker.json" ] || cp "$here/jobs/worker.json" "$data/jobs/worker.json"
chown -R "$user:$user" "$data"
chmod 750 "$data"

# Every login shell finds the database; an operator works as the service user: sudo -u matching matching status
mkdir -p "$root/etc/profile.d"
cat > "$root/etc/profile.d/matching.sh" <<PROFILE
# Matching (installed by install.sh): the database every \`matching\` command uses.
export MATCHING_DB=$data/data/matching.db
PROFILE

if [ "$service" -eq 1 ] && command -v systemctl >/dev/null 2>&1; then
  sed -e "s#/opt/matching#$prefix#g" -e "s#/srv/matching#$data#g" -e "s#^User=.*#User=$user#" -e "s#^Group=.*#Group=$user#" \
    "$here/matching-worker.service" > "$root/etc/systemd/system/matching-worker.service"
  [ -n "$root" ] || systemctl daemon-reload
  echo "installed /etc/systemd/system/matching-worker.service (not started)"
fi

cat <<DONE
Matching $(cat "$here/VERSION" 2>/dev/null || echo "") installed: program $prefix, data $data, user $user, \`matching\` on PATH.
Next:
  cd $data && sudo -u $user matching init --db $data/data/matching.db
  sudo -u $user matching doctor --db $data/data/matching.db --jobs $data/jobs/worker.json
  systemctl enable --now matching-worker && systemctl status matching-worker
DONE
