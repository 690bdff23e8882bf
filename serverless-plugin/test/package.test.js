'use strict';

// `serverless package` / `invoke local` of osls on a copy of the fixture, sharing one Maven build.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const http = require('node:http');
const { spawn } = require('node:child_process');
const path = require('node:path');
const {
  oslsBin,
  environment,
  copyFixture,
  serverless,
  withSpringOptions,
  localLambdaInstalled,
  LOCAL_LAMBDA_CLASS,
} = require('./support');
const { hostArchitecture } = require('../lib/functions');

const HANDLER = 'dev.serverlessspring.lambda.FunctionHandler::handleRequest';
const ZIP = 'fixture-functions-1.0.0-aws.zip';
const LOCAL_LAMBDA_ABSENT =
  !localLambdaInstalled() && `serverless-spring-test with ${LOCAL_LAMBDA_CLASS} is not installed in the local Maven repository`;

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function isFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port whose next one is free too: spring start serves the Invoke API on --port + 1. */
async function freePortPair() {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort();
    if (port < 65535 && (await isFree(port + 1))) return port;
  }
  throw new Error('no two consecutive free ports on 127.0.0.1');
}

/**
 * A CloudFormation endpoint with no stacks: osls asks it for the last deployed layer while packaging a
 * service with layers (DescribeStacks), and packages anew when the stack does not exist.
 */
async function cloudFormationWithoutStacks() {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const message = 'Stack with id fixture-functions-dev does not exist';
      if (String(request.headers['content-type']).includes('json')) {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': 'ValidationError;Sender' });
        response.end(JSON.stringify({ __type: 'ValidationError', message }));
      } else {
        response.writeHead(400, { 'content-type': 'text/xml' });
        response.end(`<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>${message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`);
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** serverless package in dir without blocking this process (which serves the endpoint above). */
function serverlessPackageAsync(dir, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [oslsBin, 'package'], { cwd: dir, env: environment(env) });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (status) => resolve({ status, output }));
  });
}

describe('serverless-spring on osls, one fixture project', () => {
  let dir;
  let zip;
  let started;

  before(() => {
    dir = copyFixture();
    zip = path.join(dir, 'target', ZIP);
    started = Date.now();
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const functions = () => {
    const template = JSON.parse(
      fs.readFileSync(path.join(dir, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8')
    );
    return Object.fromEntries(
      Object.values(template.Resources)
        .filter((resource) => resource.Type === 'AWS::Lambda::Function')
        .map((resource) => [resource.Properties.FunctionName, resource.Properties])
    );
  };

  const packageOk = (options) => {
    const result = serverless(dir, ['package'], options);
    assert.equal(result.status, 0, result.output);
    return result;
  };

  it('runs the Maven build and points every function at the fresh zip with our handler and its bean', () => {
    const result = packageOk();
    assert.match(result.output, /building fixture-functions-1\.0\.0-aws\.zip \(mvnw -q package -DskipTests\)/);
    assert.ok(fs.statSync(zip).mtimeMs >= started - 1000, 'the zip was written by this build');
    assert.ok(fs.readFileSync(zip).includes('com/example/fixture/FixtureApplication.class'));

    const { 'fixture-functions-dev-uppercase': uppercase, 'fixture-functions-dev-reverse': reverse } = functions();
    assert.equal(uppercase.Handler, HANDLER);
    assert.equal(uppercase.Runtime, 'java21');
    assert.deepEqual(uppercase.Environment.Variables, { SPRING_CLOUD_FUNCTION_DEFINITION: 'uppercase' });
    assert.equal(path.posix.basename(uppercase.Code.S3Key), ZIP);
    assert.equal(reverse.Handler, HANDLER);
    assert.equal(reverse.Runtime, 'java25');
    assert.deepEqual(reverse.Environment.Variables, { SPRING_CLOUD_FUNCTION_DEFINITION: 'reverse' });
    assert.equal(path.posix.basename(reverse.Code.S3Key), ZIP);
  });

  it('skips the build when the zip is newer than every source', () => {
    const built = fs.statSync(zip).mtimeMs;
    const result = packageOk();
    assert.match(result.output, /fixture-functions-1\.0\.0-aws\.zip is up to date, skipping the Maven build/);
    assert.equal(fs.statSync(zip).mtimeMs, built);
  });

  it('builds again when a source is newer than the zip', () => {
    const built = fs.statSync(zip).mtimeMs;
    const source = path.join(dir, 'src/main/java/com/example/fixture/FixtureApplication.java');
    const later = new Date(built + 2000);
    fs.utimesSync(source, later, later);
    const result = packageOk();
    assert.match(result.output, /building fixture-functions-1\.0\.0-aws\.zip/);
    assert.ok(fs.statSync(zip).mtimeMs > built);
  });

  it('runs Maven every time with skipBuildWhenFresh: false, with the configured arguments', () => {
    // validate: Maven runs (and would fail the package if it failed) without rebuilding the zip.
    const restore = withSpringOptions(dir, 'skipBuildWhenFresh: false\nmavenArgs: -q validate');
    try {
      const result = packageOk();
      assert.match(result.output, /building fixture-functions-1\.0\.0-aws\.zip \(mvnw -q validate\)/);
    } finally {
      restore();
    }
  });

  it('names the Maven command it could not find', () => {
    const restore = withSpringOptions(dir, 'maven: no-such-mvn\nskipBuildWhenFresh: false');
    try {
      const result = serverless(dir, ['package']);
      assert.notEqual(result.status, 0);
      assert.match(result.output, /Maven not found: "no-such-mvn" is not on the PATH/);
    } finally {
      restore();
    }
  });

  it('says that no JDK is there instead of letting Maven fail', () => {
    const restore = withSpringOptions(dir, 'skipBuildWhenFresh: false');
    try {
      const result = serverless(dir, ['package'], { env: { JAVA_HOME: path.join(dir, 'no-jdk') } });
      assert.notEqual(result.status, 0);
      assert.match(result.output, /JAVA_HOME is .*no-jdk but .* does not exist: point JAVA_HOME at a JDK/);
    } finally {
      restore();
    }
  });

  it('builds native functions with the native profile and points them at the bootstrap zip', () => {
    const file = path.join(dir, 'serverless.yml');
    const original = fs.readFileSync(file, 'utf8');
    const nativeFunction = '\n  fast:\n    handler: uppercase\n    runtime: provided.al2023\n';
    fs.writeFileSync(file, `${original + nativeFunction}custom:\n  spring:\n    mavenArgs: -q validate\n`);
    const nativeZip = path.join(dir, 'target', 'fixture-functions-1.0.0-native.zip');
    try {
      // The fixture has no native profile (no GraalVM here): the build runs but writes no bootstrap zip.
      const result = serverless(dir, ['package']);
      assert.notEqual(result.status, 0);
      assert.match(result.output, /building fixture-functions-1\.0\.0-native\.zip \(mvnw -q validate -Pnative\)/);
      assert.match(result.output, /fixture-functions-1\.0\.0-native\.zip not found\. The Maven build succeeded but did not write it: the "native" profile must build the native image target\/bootstrap, which serverless-spring-maven-plugin.s package goal zips/);

      // Where the profile would write it, a zip stands in; the plugin is told not to build.
      fs.copyFileSync(zip, nativeZip);
      fs.writeFileSync(file, `${original + nativeFunction}custom:\n  spring:\n    build: false\n`);
      packageOk();
      const { 'fixture-functions-dev-fast': fast, 'fixture-functions-dev-uppercase': uppercase } = functions();
      assert.equal(fast.Runtime, 'provided.al2023');
      assert.equal(fast.Handler, HANDLER);
      assert.deepEqual(fast.Environment.Variables, { SPRING_CLOUD_FUNCTION_DEFINITION: 'uppercase' });
      assert.equal(path.posix.basename(fast.Code.S3Key), 'fixture-functions-1.0.0-native.zip');
      assert.equal(path.posix.basename(uppercase.Code.S3Key), ZIP);
    } finally {
      fs.writeFileSync(file, original);
      fs.rmSync(nativeZip, { force: true });
    }
  });

  it('deploys the java-runtime functions\' Java runtime once, as a layer, with custom.spring.javaRuntimeLayer', async () => {
    const file = path.join(dir, 'serverless.yml');
    const original = fs.readFileSync(file, 'utf8');
    const javaRuntimeFunctions =
      '\n  fast:\n    handler: uppercase\n    runtime: provided.al2023\n    springPackage: java-runtime\n' +
      '  faster:\n    handler: reverse\n    runtime: provided.al2023\n    springPackage: java-runtime\n';
    const functionZip = path.join(dir, 'target', 'fixture-functions-1.0.0-java-runtime.zip');
    const layerZip = path.join(dir, 'target', 'fixture-functions-1.0.0-java-runtime-layer.zip');
    // Where java-runtime-zip writes them (the fixture links no runtime), zips stand in; the plugin is told not to build.
    const withOptions = (options) => fs.writeFileSync(file, `${original + javaRuntimeFunctions}custom:\n  spring:\n${options}`);
    fs.copyFileSync(zip, functionZip);
    const cloudFormation = await cloudFormationWithoutStacks();
    try {
      // A fresh zip without the layer zip was built to carry its runtime: Maven runs again, asked for the layer.
      withOptions('    mavenArgs: -q validate\n    javaRuntimeLayer: true\n');
      const missing = serverless(dir, ['package']);
      assert.notEqual(missing.status, 0);
      assert.match(missing.output, /building fixture-functions-1\.0\.0-java-runtime\.zip \(mvnw -q validate -Dserverless-spring\.java-runtime\.architecture=\S+ -Dserverless-spring\.java-runtime\.layer=true\)/);
      assert.match(missing.output, /fixture-functions-1\.0\.0-java-runtime-layer\.zip not found\. The Maven build succeeded but did not write it: custom\.spring\.javaRuntimeLayer is true/);

      fs.copyFileSync(zip, layerZip);
      withOptions('    build: false\n    javaRuntimeLayer: true\n');
      const packaged = await serverlessPackageAsync(dir, { AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.url });
      assert.equal(packaged.status, 0, packaged.output);
      const template = JSON.parse(
        fs.readFileSync(path.join(dir, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8')
      );
      const layers = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::Lambda::LayerVersion');
      assert.equal(layers.length, 1, 'one layer for both functions');
      const layer = template.Resources.SpringJavaRuntimeLambdaLayer.Properties;
      assert.equal(layer.LayerName, 'fixture-functions-dev-java-runtime');
      assert.deepEqual(layer.CompatibleRuntimes, ['provided.al2023']);
      assert.deepEqual(layer.CompatibleArchitectures, [hostArchitecture()]);
      assert.equal(path.posix.basename(layer.Content.S3Key), 'fixture-functions-1.0.0-java-runtime-layer.zip');
      const { 'fixture-functions-dev-fast': fast, 'fixture-functions-dev-faster': faster, 'fixture-functions-dev-uppercase': uppercase } = functions();
      for (const fn of [fast, faster]) {
        assert.equal(fn.Runtime, 'provided.al2023');
        assert.deepEqual(fn.Architectures, [hostArchitecture()]);
        assert.deepEqual(fn.Layers, [{ Ref: 'SpringJavaRuntimeLambdaLayer' }]);
        assert.equal(path.posix.basename(fn.Code.S3Key), 'fixture-functions-1.0.0-java-runtime.zip');
      }
      assert.equal(uppercase.Layers, undefined, 'JVM functions run on Lambda\'s Java runtime');

      // Without the option, a layer zip beside the zip means it was built without its runtime: Maven runs again.
      withOptions('    mavenArgs: -q validate\n');
      const rebuilt = serverless(dir, ['package']);
      assert.equal(rebuilt.status, 0, rebuilt.output);
      assert.match(rebuilt.output, /building fixture-functions-1\.0\.0-java-runtime\.zip \(mvnw -q validate -Dserverless-spring\.java-runtime\.architecture=\S+\)/);
    } finally {
      await cloudFormation.close();
      fs.writeFileSync(file, original);
      fs.rmSync(functionZip, { force: true });
      fs.rmSync(layerZip, { force: true });
    }
  });

  it('invoke local takes Spring functions from the AWS plugin and says when the local Lambda is missing', () => {
    // The classpath is cached until pom.xml changes: computed here without serverless-spring-test.
    const classpathFile = path.join(dir, 'target', 'serverless-spring.classpath');
    fs.rmSync(classpathFile, { force: true });
    try {
      const result = serverless(dir, ['invoke', 'local', '-f', 'uppercase', '--data', '"hello"'], { localLambda: false });
      assert.notEqual(result.status, 0);
      assert.match(result.output, /The local Lambda \(dev\.serverlessspring\.test\.cli\.LocalLambdaCli\) is not on the project's test classpath/);
      assert.match(fs.readFileSync(classpathFile, 'utf8'), /serverless-spring-boot-autoconfigure/, 'the classpath Maven computed');
    } finally {
      fs.rmSync(classpathFile, { force: true });
    }
  });

  it('invoke local answers through the local Lambda', { skip: LOCAL_LAMBDA_ABSENT }, () => {
    const result = serverless(dir, ['invoke', 'local', '-f', 'uppercase', '--data', '"hello"']);
    assert.equal(result.status, 0, result.output);
    assert.equal(result.stdout.trim().split('\n').pop(), 'HELLO', 'a String result is the payload as it is');
  });

  it('invoke local names the unknown bean', { skip: LOCAL_LAMBDA_ABSENT }, () => {
    const file = path.join(dir, 'serverless.yml');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original.replace('handler: reverse', 'handler: reverser'));
    try {
      const result = serverless(dir, ['invoke', 'local', '-f', 'reverse', '--data', '"abc"']);
      assert.notEqual(result.status, 0);
      assert.match(result.output, /reverser/);
      assert.match(result.output, /uppercase/, 'lists the functions there are');
    } finally {
      fs.writeFileSync(file, original);
    }
  });

  it('spring start serves the httpApi routes through the local Lambda', { skip: LOCAL_LAMBDA_ABSENT }, async (t) => {
    const port = await freePortPair();
    const child = spawn(process.execPath, [oslsBin, 'spring', 'start', '--port', String(port)], {
      cwd: dir,
      env: environment(),
      detached: true,
    });
    t.after(() => process.kill(-child.pid, 'SIGTERM'));
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const urls = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URLs printed:\n${output}`)), 120000);
      child.stdout.on('data', () => {
        const found = output.match(/https?:\/\/[^\s]+/g);
        if (found && found.length >= 2) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.on('exit', (code) => reject(new Error(`spring start exited with ${code}:\n${output}`)));
    });
    const answers = await Promise.all(
      urls.map((url) =>
        fetch(new URL('/uppercase', url), { method: 'POST', body: 'hello' })
          .then(async (response) => ({ status: response.status, body: await response.text() }))
          .catch(() => null)
      )
    );
    assert.ok(
      answers.some((answer) => answer && answer.status === 200 && answer.body.includes('HELLO')),
      `POST /uppercase on ${urls.join(', ')}: ${JSON.stringify(answers)}\n${output}`
    );
  });

  it('fails the package with Maven\'s error when the build breaks', () => {
    const source = path.join(dir, 'src/main/java/com/example/fixture/FixtureApplication.java');
    fs.writeFileSync(source, fs.readFileSync(source, 'utf8').replace('String::toUpperCase', 'String::noSuchMethod'));
    const result = serverless(dir, ['package']);
    assert.notEqual(result.status, 0);
    assert.match(result.output, /Maven build failed \(mvnw -q package -DskipTests, exit code 1\)/);
    assert.match(result.output, /\[ERROR\] .*FixtureApplication\.java/);
  });
});
