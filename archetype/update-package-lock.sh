#!/usr/bin/env bash
# Regenerates archetype-resources/package-lock.json, which pins the npm tree of generated projects
# (osls and everything it pulls in): without it, "npm install" in a new project resolves the newest
# versions, and one package published before its dependency once broke every generated build.
# Seeds npm with serverless-plugin/package-lock.json (the same osls, already resolved and tested), so
# only the project's own entries change. Run after changing osls.version in archetype/pom.xml, with
# serverless-plugin/target/serverless-spring-*.tgz built (./mvnw -pl serverless-plugin package).
set -euo pipefail
cd "$(dirname "$0")"
RESOURCES="$PWD/src/main/resources/archetype-resources"
OSLS="$(sed -n 's:.*<osls.version>\(.*\)</osls.version>.*:\1:p' pom.xml)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/target/npm"
cp ../serverless-plugin/target/serverless-spring-*.tgz "$WORK/target/npm/serverless-spring-plugin.tgz"
cp ../serverless-plugin/package-lock.json "$WORK/package-lock.json"
cd "$WORK"
node - "$OSLS" <<'JS'
const fs = require('node:fs');
const osls = process.argv[2];
const devDependencies = { osls, 'serverless-spring': 'file:target/npm/serverless-spring-plugin.tgz' };
const pkg = { name: 'serverless-spring-project', version: '0.0.0', private: true, devDependencies };
fs.writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
lock.name = pkg.name;
lock.packages[''] = { name: pkg.name, version: pkg.version, devDependencies };
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
JS
npm install --package-lock-only --no-audit --no-fund
# The plugin's tarball changes with every build of a SNAPSHOT: no integrity for it.
node -e "
const fs = require('node:fs');
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
delete lock.packages['node_modules/serverless-spring'].integrity;
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
"
cp package-lock.json "$RESOURCES/package-lock.json"
echo "Wrote $RESOURCES/package-lock.json"
