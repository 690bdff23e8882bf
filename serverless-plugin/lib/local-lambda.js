'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const PluginError = require('./plugin-error');
const { runMaven, requireJdk } = require('./maven');

const CLI_CLASS = 'dev.serverlessspring.test.cli.LocalLambdaCli';
const CLASSPATH_FILE = path.join('target', 'serverless-spring.classpath');
const CONFIG_FILE = path.join('target', 'serverless-spring.yml');

function javaExecutable() {
  const javaHome = process.env.JAVA_HOME;
  return javaHome ? path.join(javaHome, 'bin', 'java') : 'java';
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The classpath the local Lambda runs on: the function's own jar (classes and the manifest that
 * names its Start-Class, as in the deployment package) and the project's test-scope dependencies,
 * which bring serverless-spring-test. Maven computes the latter; it is cached until pom.xml changes.
 */
async function localClasspath(projectDir, command, finalName) {
  const listFile = path.join(projectDir, CLASSPATH_FILE);
  if (mtime(listFile) <= mtime(path.join(projectDir, 'pom.xml'))) {
    await runMaven(projectDir, command, [
      '-q',
      'dependency:build-classpath',
      '-Dmdep.includeScope=test',
      `-Dmdep.outputFile=${CLASSPATH_FILE}`,
    ]);
  }
  const jar = path.join(projectDir, 'target', `${finalName}.jar`);
  if (!fs.existsSync(jar)) {
    throw new PluginError(
      `The function's jar ${jar} is missing: the Maven build did not produce it. Run the build ` +
        '(custom.spring.build must not be false) or check the project\'s packaging.',
      'SPRING_ARTIFACT_NOT_FOUND'
    );
  }
  return [jar, fs.readFileSync(listFile, 'utf8').trim()].filter(Boolean).join(path.delimiter);
}

/**
 * Writes the service as the framework resolved it (variables resolved, handlers rewritten) for the
 * local Lambda. Every Spring function points at the JVM zip, so that the local Lambda runs it from
 * its deployment package in a runtime process of its own, as Lambda does; native and java-runtime
 * functions run as their JVM build. JSON is YAML, so the file reads as a serverless.yml.
 */
function writeLocalConfig(projectDir, service, kinds, jvmArtifact, jvmRuntime) {
  const functions = {};
  for (const [name, fn] of Object.entries(service.functions || {})) {
    const { package: _ignored, ...rest } = fn;
    if (kinds.has(name)) {
      rest.package = { artifact: jvmArtifact };
      if (kinds.get(name) !== 'jvm') rest.runtime = jvmRuntime;
      delete rest.springPackage;
    }
    functions[name] = rest;
  }
  const config = {
    service: service.service,
    provider: {
      name: service.provider.name,
      runtime: kinds.size && /^provided/.test(service.provider.runtime || '') ? jvmRuntime : service.provider.runtime,
      stage: service.provider.stage,
      region: service.provider.region,
      memorySize: service.provider.memorySize,
      timeout: service.provider.timeout,
      environment: service.provider.environment,
    },
    functions,
  };
  const file = path.join(projectDir, CONFIG_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

function cliMissing(stderr) {
  return stderr.includes('Could not find or load main class') || stderr.includes(`ClassNotFoundException: ${CLI_CLASS}`);
}

const CLI_MISSING_MESSAGE =
  `The local Lambda (${CLI_CLASS}) is not on the project's test classpath: add the test dependency ` +
  'dev.serverlessspring:serverless-spring-test to pom.xml.';

/**
 * Invokes one function through the local Lambda.
 * @returns {Promise<string>} the response payload
 */
function invoke(classpath, configFile, functionName, input) {
  requireJdk();
  const args = ['-cp', classpath, CLI_CLASS, 'invoke', '--config', configFile, '--function', functionName];
  if (input.path) args.push('--path', input.path);
  else if (input.data !== undefined) args.push('--data', input.data);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(javaExecutable(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    // The function's logs: shown as they come, like the managed runtime's log stream.
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    child.on('error', (error) => reject(error));
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else if (cliMissing(stderr)) reject(new PluginError(CLI_MISSING_MESSAGE, 'SPRING_LOCAL_LAMBDA_MISSING'));
      else if (code === 1)
        reject(new PluginError(`Function "${functionName}" failed:\n${stdout.trim()}`, 'SPRING_FUNCTION_ERROR'));
      else
        reject(
          new PluginError(
            `The local Lambda could not invoke "${functionName}" (exit code ${code}):\n${lastLines(stderr)}`,
            'SPRING_LOCAL_LAMBDA_FAILED'
          )
        );
    });
  });
}

function lastLines(text) {
  return text.trim().split(/\r?\n/).slice(-10).join('\n');
}

/** Serves the functions' Invoke API and HTTP routes until the process is stopped. */
function start(classpath, configFile, port) {
  requireJdk();
  const args = ['-cp', classpath, CLI_CLASS, 'start', '--config', configFile];
  if (port) args.push('--port', String(port));
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = spawn(javaExecutable(), args, { stdio: ['ignore', 'inherit', 'pipe'] });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    const stop = () => child.kill('SIGTERM');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    child.on('error', (error) => reject(error));
    child.on('close', (code, signal) => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      if (code === 0 || signal || code === 143 || code === 130) resolve();
      else if (cliMissing(stderr)) reject(new PluginError(CLI_MISSING_MESSAGE, 'SPRING_LOCAL_LAMBDA_MISSING'));
      else reject(new PluginError(`The local Lambda stopped (exit code ${code}):\n${lastLines(stderr)}`, 'SPRING_LOCAL_LAMBDA_FAILED'));
    });
  });
}

module.exports = { CLI_CLASS, localClasspath, writeLocalConfig, invoke, start };
