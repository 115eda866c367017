#!/usr/bin/env bash
# Packs the package, installs the tarball into an empty folder, and loads it both ways.
set -euo pipefail
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$work/$tarball"
node --input-type=module -e "
  const m = await import('mizan');
  if (typeof m.TmError !== 'function') throw new Error('ESM import lacks TmError');
  console.log('ESM import ok:', Object.keys(m).length, 'exports');
"
node -e "
  const m = require('mizan');
  if (typeof m.TmError !== 'function') throw new Error('CJS require lacks TmError');
  console.log('CJS require ok:', Object.keys(m).length, 'exports');
"
test -x node_modules/.bin/mizan && node_modules/.bin/mizan --version
cd "$root"
