#!/bin/sh
# Builds plugins/flaky.jar from src/: the provider, compiled against losslab's api classes (build them
# first: mvn -B -q compile -pl api), and its services file. Run from this folder: sh build.sh
set -eu
API=${API:-../../../../../../api/target/classes}
rm -rf build && mkdir -p build plugins
javac --release 17 -proc:none -nowarn -cp "$API" -d build $(find src -name '*.java')
printf 'Manifest-Version: 1.0\nImplementation-Version: 1.0\n' > build/MANIFEST.MF
jar --create --file plugins/flaky.jar --date 2026-01-01T00:00:00Z --manifest build/MANIFEST.MF -C src META-INF -C build com
rm -rf build
