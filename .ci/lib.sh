# Shared by .ci/start, .ci/test and .ci/bench: idempotent tool installs (each skipped when
# the pinned version is already there) and the cargo target cache.
# Pinned versions live here and in rust-toolchain.toml, Cargo.toml, package.json.
# shellcheck shell=bash

CARGO_LEPTOS_VERSION=0.3.10
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

# The cargo target lives outside the clone so a fresh clone reuses earlier builds;
# ./target is a symlink to it (so target/release/server works as documented).
# Without a cache this is simply a cold build.
use_target_cache() {
  local cache="${SWITCHBOARD_TARGET_CACHE:-$HOME/.cache/switchboard/target}"
  if [ ! -e target ]; then
    mkdir -p "$cache"
    ln -s "$cache" target
  fi
  unset CARGO_TARGET_DIR
}

ensure_rust() {
  if ! command -v rustup >/dev/null; then
    say "installing rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --default-toolchain none
  fi
  # rust-toolchain.toml pins the version, the wasm target and components; this installs them.
  rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
  rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
}

ensure_cargo_leptos() {
  if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
    say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 15-20 minutes, once)"
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  fi
}

# cargo-leptos runs whatever wasm-bindgen is on PATH: it must equal the crate exactly.
ensure_wasm_bindgen() {
  local want
  want="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want"
    # Not --locked: its bundled lock names a crate version the registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

# The test runner: each test in its own process, hung tests killed (.config/nextest.toml).
ensure_nextest() {
  cargo nextest --version >/dev/null 2>&1 || cargo install cargo-nextest --locked
}

# Tailwind and wasm-opt (binaryen 132) for cargo-leptos; playwright-core for browser tests.
ensure_npm_tools() {
  if ! command -v npm >/dev/null; then
    say "installing Node.js"
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
  fi
  [ -x node_modules/.bin/tailwindcss ] && [ -x node_modules/.bin/wasm-opt ] || npm install --no-fund --no-audit --silent
  if [ "${1:-}" = "end2end" ] && [ ! -d end2end/node_modules/playwright-core ]; then
    (cd end2end && npm install --no-fund --no-audit --silent)
  fi
}

ensure_apt() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}
