#!/bin/sh
# Builds plugins/missing-class.jar from src/: its services file alone, naming a class that the jar does
# not hold. Run from this folder: sh build.sh
set -eu
rm -rf build && mkdir -p build plugins
printf 'Manifest-Version: 1.0\nImplementation-Version: 1.0\n' > build/MANIFEST.MF
jar --create --file plugins/missing-class.jar --date 2026-01-01T00:00:00Z --manifest build/MANIFEST.MF -C src META-INF
rm -rf build
