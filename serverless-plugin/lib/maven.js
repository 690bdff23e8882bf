'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { XMLParser } = require('fast-xml-parser');
const PluginError = require('./plugin-error');

const isWindows = process.platform === 'win32';

/** The project's Maven wrapper when it has one, else `mvn` from the PATH (or the configured command). */
function mavenCommand(projectDir, configured) {
  if (configured) return configured;
  const wrapper = path.join(projectDir, isWindows ? 'mvnw.cmd' : 'mvnw');
  return fs.existsSync(wrapper) ? wrapper : 'mvn';
}

function onPath(executable) {
  const names = isWindows ? [`${executable}.exe`, `${executable}.cmd`] : [executable];
  return (process.env.PATH || '')
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => names.some((name) => fs.existsSync(path.join(dir, name))));
}

/** Fails with a clear message when no JDK can be found, before Maven or the JVM fails obscurely. */
function requireJdk() {
  const javaHome = process.env.JAVA_HOME;
  if (javaHome) {
    const java = path.join(javaHome, 'bin', isWindows ? 'java.exe' : 'java');
    if (fs.existsSync(java)) return;
    throw new PluginError(
      `JAVA_HOME is ${javaHome} but ${java} does not exist: point JAVA_HOME at a JDK (17 or newer).`,
      'SPRING_JDK_NOT_FOUND'
    );
  }
  if (!onPath('java')) {
    throw new PluginError(
      'No JDK found: serverless-spring builds and runs your functions with Java. Install a JDK ' +
        '(17 or newer) and put its bin/ on the PATH or set JAVA_HOME.',
      'SPRING_JDK_NOT_FOUND'
    );
  }
}

// Keeps what Maven itself reports as the failure; Maven's -q output is little more than these lines.
function failureSummary(output) {
  const lines = output.split(/\r?\n/);
  const help = lines.findIndex((line) => line.startsWith('[ERROR] -> [Help'));
  // What follows "-> [Help 1]" is Maven's advice on -e/-X, the same for every failure.
  const errors = lines
    .slice(0, help < 0 ? lines.length : help)
    .filter((line) => line.startsWith('[ERROR]') && line.trim() !== '[ERROR]');
  const chosen = errors.length ? errors : lines.filter(Boolean).slice(-20);
  return chosen.slice(0, 40).join('\n');
}

/**
 * Runs Maven in the project directory. Its output is streamed to the given stream as it comes
 * (stderr by default, so that stdout stays the command's own answer) and kept for the error.
 */
function runMaven(projectDir, command, args, { stream = process.stderr, capture = false } = {}) {
  requireJdk();
  return new Promise((resolve, reject) => {
    let output = '';
    let stdout = '';
    const child = spawn(command, args, { cwd: projectDir, shell: isWindows });
    const collect = (chunk, isStdout) => {
      const text = chunk.toString();
      output += text;
      if (isStdout && capture) stdout += text;
      else if (stream) stream.write(text);
    };
    child.stdout.on('data', (chunk) => collect(chunk, true));
    child.stderr.on('data', (chunk) => collect(chunk, false));
    child.on('error', (error) => {
      if (error.code === 'ENOENT') {
        reject(
          new PluginError(
            `Maven not found: "${command}" is not on the PATH. Install Maven or add the Maven ` +
              'wrapper (./mvnw) to the project, or name the command in custom.spring.maven.',
            'SPRING_MAVEN_NOT_FOUND'
          )
        );
      } else {
        reject(error);
      }
    });
    child.on('close', (code) => {
      if (code === 0) {
        resolve(stdout);
        return;
      }
      reject(
        new PluginError(
          `Maven build failed (${path.basename(command)} ${args.join(' ')}, exit code ${code}):\n` +
            failureSummary(output),
          'SPRING_BUILD_FAILED'
        )
      );
    });
  });
}

function text(value) {
  if (value === undefined || value === null) return undefined;
  return String(typeof value === 'object' ? value['#text'] : value).trim();
}

/**
 * The name the build gives its artifacts (`finalName`, by default `artifactId-version`). Read from
 * pom.xml; asked of Maven (help:evaluate) only when the pom leaves it to properties or a parent.
 */
async function readFinalName(projectDir, command) {
  const pomFile = path.join(projectDir, 'pom.xml');
  let pom;
  try {
    pom = new XMLParser().parse(fs.readFileSync(pomFile, 'utf8')).project;
  } catch (error) {
    throw new PluginError(
      `Could not read ${pomFile}: ${error.message}. serverless-spring builds Maven projects; set ` +
        'custom.spring only in a service whose directory holds the function project\'s pom.xml.',
      'SPRING_POM_NOT_READABLE'
    );
  }
  if (!pom) throw new PluginError(`${pomFile} has no <project> element.`, 'SPRING_POM_NOT_READABLE');
  const finalName = text(pom.build && pom.build.finalName);
  const artifactId = text(pom.artifactId);
  const version = text(pom.version) || text(pom.parent && pom.parent.version);
  const literal = finalName || (artifactId && version && `${artifactId}-${version}`);
  if (literal && !literal.includes('${')) return literal;
  const evaluated = await runMaven(
    projectDir,
    command,
    ['-q', 'help:evaluate', '-Dexpression=project.build.finalName', '-DforceStdout'],
    { capture: true }
  );
  return evaluated.trim();
}

/**
 * The deployment package serverless-spring-maven-plugin writes: -aws.zip (JVM), -native.zip or -java-runtime.zip,
 * or the java-runtime functions' layer, -java-runtime-layer.zip.
 */
function artifactPath(projectDir, finalName, kind) {
  const classifier = { native: 'native', 'java-runtime': 'java-runtime', 'java-runtime-layer': 'java-runtime-layer' }[kind] || 'aws';
  return path.join(projectDir, 'target', `${finalName}-${classifier}.zip`);
}

function newestModification(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(file)
    .reduce((newest, entry) => Math.max(newest, newestModification(path.join(file, entry))), stat.mtimeMs);
}

/** True when the artifact exists and is newer than every source file. */
function isFresh(artifact, projectDir, sources) {
  let built;
  try {
    built = fs.statSync(artifact).mtimeMs;
  } catch {
    return false;
  }
  return sources.every((source) => newestModification(path.resolve(projectDir, source)) < built);
}

module.exports = {
  mavenCommand,
  requireJdk,
  runMaven,
  readFinalName,
  artifactPath,
  isFresh,
};
