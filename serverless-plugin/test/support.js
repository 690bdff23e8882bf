'use strict';

// Runs osls (the framework under test) against copies of the fixture project.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { XMLParser } = require('fast-xml-parser');

const pluginDir = path.resolve(__dirname, '..');
const repositoryRoot = path.resolve(pluginDir, '..');
const oslsBin = require.resolve('osls/bin/serverless.js');

function mavenArgsRepository() {
  const match = /-Dmaven\.repo\.local=(\S+)/.exec(process.env.MAVEN_ARGS || '');
  return match && match[1];
}

/** The local Maven repository the reactor installed serverless-spring into. */
const mavenRepository =
  process.env.SERVERLESS_SPRING_MAVEN_REPO ||
  mavenArgsRepository() ||
  path.join(os.homedir(), '.m2', 'repository');

const springVersion =
  process.env.SERVERLESS_SPRING_VERSION ||
  String(new XMLParser().parse(fs.readFileSync(path.join(repositoryRoot, 'pom.xml'), 'utf8')).project.version);

const LOCAL_LAMBDA_CLASS = 'dev/serverlessspring/test/cli/LocalLambdaCli.class';

/** Whether serverless-spring-test with the local Lambda's CLI is installed (zip entry names are stored as is). */
function localLambdaInstalled() {
  const jar = path.join(
    mavenRepository,
    'dev/serverlessspring/serverless-spring-test',
    springVersion,
    `serverless-spring-test-${springVersion}.jar`
  );
  return fs.existsSync(jar) && fs.readFileSync(jar).includes(LOCAL_LAMBDA_CLASS);
}

/** A fresh copy of the fixture with the repository's Maven wrapper and the plugin installed. */
function copyFixture() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serverless-spring-'));
  fs.cpSync(path.join(__dirname, 'fixture'), dir, { recursive: true });
  fs.copyFileSync(path.join(repositoryRoot, 'mvnw'), path.join(dir, 'mvnw'));
  fs.chmodSync(path.join(dir, 'mvnw'), 0o755);
  fs.cpSync(path.join(repositoryRoot, '.mvn'), path.join(dir, '.mvn'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(pluginDir, path.join(dir, 'node_modules', 'serverless-spring'), 'dir');
  return dir;
}

/** This process's environment for the framework's CLI; env adds to it (or, with undefined, removes from it). */
function environment(env = {}, { localLambda = localLambdaInstalled() } = {}) {
  const mavenArgs = [
    process.env.MAVEN_ARGS || '',
    `-Dmaven.repo.local=${mavenRepository}`,
    `-Dserverless-spring.version=${springVersion}`,
    localLambda ? '-DwithLocalLambda' : '',
  ].join(' ');
  const childEnv = Object.assign({}, process.env, {
    MAVEN_ARGS: mavenArgs.trim(),
    AWS_ACCESS_KEY_ID: 'AKIAFIXTURE',
    AWS_SECRET_ACCESS_KEY: 'fixture-secret',
    AWS_REGION: 'eu-west-1',
    SLS_TELEMETRY_DISABLED: '1',
  }, env);
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  return childEnv;
}

/** Runs the framework's CLI in dir and waits for it; localLambda: false leaves serverless-spring-test out of the fixture. */
function serverless(dir, args, { env, input, localLambda } = {}) {
  const result = spawnSync(process.execPath, [oslsBin, ...args], {
    cwd: dir,
    env: environment(env, { localLambda }),
    input: input || '',
    encoding: 'utf8',
    timeout: 300000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

/** Appends a custom.spring block to the fixture's serverless.yml (restored by the returned function). */
function withSpringOptions(dir, yaml) {
  const file = path.join(dir, 'serverless.yml');
  const original = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, `${original}\ncustom:\n  spring:\n${yaml.replace(/^/gm, '    ')}\n`);
  return () => fs.writeFileSync(file, original);
}

module.exports = {
  oslsBin,
  environment,
  copyFixture,
  serverless,
  withSpringOptions,
  localLambdaInstalled,
  LOCAL_LAMBDA_CLASS,
  mavenRepository,
  springVersion,
};
