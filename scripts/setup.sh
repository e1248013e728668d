#!/usr/bin/env bash
# Installs what seqlab needs on a Debian bookworm machine, idempotently: Debian's toolchain packages through
# apt-get (when run as root; otherwise it names what is missing) and the npm devDependencies (npm ci).
# Called by `npm start` and `npm test`; it does nothing when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# package -> a file that proves it is installed
declare -A probe=(
  [cmake]=/usr/bin/cmake
  [g++]=/usr/bin/g++
  [emscripten]=/usr/bin/emcc
  [libeigen3-dev]=/usr/include/eigen3/Eigen/Core
  [doctest-dev]=/usr/include/doctest/doctest.h
  [chromium]=/usr/bin/chromium
  [binaryen]=/usr/bin/wasm-opt
  [wabt]=/usr/bin/wasm-objdump
  [python3-torch]=/usr/lib/python3/dist-packages/torch/__init__.py
  [python3-numpy]=/usr/lib/python3/dist-packages/numpy/__init__.py
  [python3-nltk]=/usr/lib/python3/dist-packages/nltk/__init__.py
  [clang-14]=/usr/bin/clang++-14
  [libclang-rt-14-dev]=/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
)
missing=()
for package in "${!probe[@]}"; do
  [ -e "${probe[$package]}" ] || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run as root, or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# npm ci when node_modules is absent or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
