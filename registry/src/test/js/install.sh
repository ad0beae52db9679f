#!/usr/bin/env bash
# Installs Confluent's JavaScript Schema Registry client for ConfluentJsInteropIT (which is skipped
# until this has run). Needs Node 20+ and npm; installs exactly what package-lock.json pins.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
