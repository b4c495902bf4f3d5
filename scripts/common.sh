# shellcheck shell=bash
# Shared by scripts/setup, build, serve and test: where the repo is, how to
# print a stage banner, and how to run a privileged install on a machine
# where we may or may not be root. Sourced, never run.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# A fresh rustup install puts cargo here, but a non-login shell (CI) may not
# have it on PATH yet.
if [[ -d "$HOME/.cargo/bin" ]]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi

banner() {
  printf '\n\033[1;34m==> %s\033[0m\n' "$*"
}

note() {
  printf '    %s\n' "$*"
}

die() {
  printf '\n\033[1;31mERROR: %s\033[0m\n' "$*" >&2
  exit 1
}

# apt-get as root, or through sudo when we are not root.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "need root to run: $*"
  fi
}

APT_UPDATED=0
apt_install() {
  if [[ $APT_UPDATED -eq 0 ]]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# The version of a package recorded in Cargo.lock, so the wasm-bindgen CLI
# always matches the library that generated the module.
locked_version() {
  awk -v name="$1" '
    $0 == "name = \"" name "\"" { found = 1; next }
    found && /^version = / { gsub(/"/, "", $3); print $3; exit }
  ' Cargo.lock
}

# Runs a command while holding a lock, so two builds started at once in the
# same checkout (helpers, an editor's watcher) do not interleave their output.
with_lock() {
  local name="$1"
  shift
  mkdir -p "$ROOT/target"
  (
    flock 9
    "$@"
  ) 9>"$ROOT/target/.$name.lock"
}
