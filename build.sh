#!/usr/bin/env bash
# One entry point for newcomers and CI. Installs what is missing (Debian packages, the ONNX Runtime library from npm),
# builds the native shim and the solution, then runs what was asked:
#   ./build.sh demo    train an autoencoder on the embedded default data set (writes artifacts/demo/*.png)
#   ./build.sh test    run every test project; the last line sums them as "N passed, N failed"
#   ./build.sh bench   the C#-vs-PyTorch benchmarks: training steps, and scoring through ONNX Runtime
#                      (./build.sh bench training|scoring for one of them)
#   ./build.sh setup   only install and build the native parts
# Second runs skip what is already there.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
CACHE=$ROOT/.cache
NATIVE_BUILD=$ROOT/build/native
ORT_VERSION=1.30.0
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: installed only when missing (dpkg -s is instant; apt-get is minutes).
apt_ensure() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  as_root apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_toolchain() {
  # libonnx-dev ships onnx.proto, from which the ONNX exporter's message classes are generated at build time.
  apt_ensure cmake g++ make libtorch-dev libopenblas0-pthread libonnx-dev
  command -v npm >/dev/null || apt_ensure npm
  command -v dotnet >/dev/null || { echo "dotnet SDK 10 is required (https://dot.net)"; exit 1; }
}

# The ONNX Runtime native library ships inside the npm package; take that one file (npm install would run a
# postinstall that downloads from outside).
ensure_onnxruntime() {
  local lib=$CACHE/onnxruntime/libonnxruntime.so.1
  [ -f "$lib" ] && return 0
  log "fetching libonnxruntime $ORT_VERSION from npm"
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "onnxruntime-node@$ORT_VERSION" >/dev/null &&
     tar -xzf onnxruntime-node-$ORT_VERSION.tgz package/bin/napi-v6/linux/x64/libonnxruntime.so.1)
  mkdir -p "$(dirname "$lib")"
  mv "$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" "$lib"
  rm -rf "$tmp"
}

# The C++ shim over libtorch; CMake rebuilds only what changed.
ensure_native() {
  local so=$NATIVE_BUILD/libgml_torch.so
  if [ -f "$so" ] && [ -z "$(find native -newer "$so" -type f | head -1)" ]; then return 0; fi
  log "building native/ (libtorch shim)"
  cmake -S native -B "$NATIVE_BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$NATIVE_BUILD" -j"$(nproc)" >/dev/null
}

setup() { ensure_toolchain; ensure_onnxruntime; ensure_native; }

build() {
  setup
  log "building the solution"
  dotnet build Generative.ML.sln -c Release -v quiet -nologo -clp:ErrorsOnly
}

run_tests() {
  build
  # The reference ONNX checker for the export tests (they skip, saying so, where it is missing).
  apt_ensure python3-onnx
  local total_pass=0 total_fail=0 total_skip=0 status=0
  mkdir -p artifacts/test-results
  for proj in $(find compat tests -name '*.Tests.csproj' | sort); do
    local name; name=$(basename "$proj" .csproj)
    log "testing $name"
    local trx=$ROOT/artifacts/test-results/$name.trx
    rm -f "$trx"
    dotnet test "$proj" -c Release --no-build -nologo -v quiet --logger "trx;LogFileName=$trx" --logger "console;verbosity=normal" \
      || status=1
    if [ -f "$trx" ]; then
      local counters; counters=$(grep -o '<Counters [^>]*>' "$trx")
      attr() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
      local p f e s; p=$(attr passed); f=$(attr failed); e=$(attr error); s=$(attr notExecuted)
      f=$((f + e))
      total_pass=$((total_pass + p)); total_fail=$((total_fail + f)); total_skip=$((total_skip + s))
    else
      total_fail=$((total_fail + 1)); status=1
    fi
  done
  if [ "$total_skip" -gt 0 ]; then
    echo "$total_pass passed, $total_fail failed, $total_skip skipped"
  else
    echo "$total_pass passed, $total_fail failed"
  fi
  return $status
}

case "${1:-}" in
  setup) setup ;;
  build) build ;;
  demo) build; dotnet run --project samples/Demo -c Release --no-build -- "${@:2}" ;;
  test) run_tests ;;
  bench) build; apt_ensure python3-torch python3-onnx; dotnet run --project bench/Bench -c Release --no-build -- "${@:2}" ;;
  *) echo "usage: ./build.sh {demo|test|bench|setup|build}"; exit 2 ;;
esac
