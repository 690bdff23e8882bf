'use strict';

/** The handler string of serverless-spring's RequestStreamHandler (JVM and native alike). */
const HANDLER = 'dev.serverlessspring.lambda.FunctionHandler::handleRequest';
const DEFINITION_VARIABLE = 'SPRING_CLOUD_FUNCTION_DEFINITION';
const REST_API_STREAMING_VARIABLE = 'SERVERLESS_SPRING_STREAMING_RESTAPI';

// A bean name, or a Spring Cloud Function definition composing several ("a|b", "a,b").
const BEAN_DEFINITION = /^[A-Za-z_$][\w$-]*(\s*[|,]\s*[A-Za-z_$][\w$-]*)*$/;

/** The function property that puts a provided.al2023 function on the package with its own Java runtime. */
const PACKAGE_PROPERTY = 'springPackage';
const JAVA_RUNTIME = 'java-runtime';

/**
 * `jvm` for the managed Java runtimes; for OS-only runtimes running our bootstrap, `java-runtime`
 * (the package that carries its own Java runtime and AOT cache) when the function asks for it,
 * else `native`.
 */
function kindOf(runtime, springPackage) {
  if (/^java\d/.test(runtime)) return 'jvm';
  if (/^provided(\.|$)/.test(runtime)) return springPackage === JAVA_RUNTIME ? JAVA_RUNTIME : 'native';
  return null;
}

/** Lambda's name for the CPU Node runs on, which a java-runtime package is built for; null elsewhere. */
function hostArchitecture(platform = process.platform, arch = process.arch) {
  if (platform !== 'linux') return null;
  return { x64: 'x86_64', arm64: 'arm64' }[arch] || null;
}

/**
 * Sets, or checks, the architecture of the functions on the java-runtime package: its Java runtime
 * and AOT cache are those of the build machine (Linux, its CPU).
 *
 * @throws {Error} for an architecture the build machine cannot produce
 */
function checkArchitectures(service, kinds, host = hostArchitecture()) {
  const providerArchitecture = service.provider && service.provider.architecture;
  for (const [name, kind] of kinds) {
    if (kind !== JAVA_RUNTIME) continue;
    const fn = service.functions[name];
    if (!host) {
      throw new Error(
        `Function ${name} uses the java-runtime package, whose Java runtime and AOT cache are built for the build ` +
          `machine, and Lambda runs Linux: build it on Linux (x86_64 or arm64), for example in CI, not on ${process.platform}.`
      );
    }
    // Declaring none means the build machine's (not Lambda's default, x86_64).
    const wanted = fn.architecture || providerArchitecture || host;
    if (wanted !== host) {
      throw new Error(
        `Function ${name} is deployed for ${wanted}, but its java-runtime package (its own Java runtime and AOT cache) ` +
          `is built on this ${host} machine: set "architecture: ${host}" on the function, or build on a Linux ${wanted} machine.`
      );
    }
    fn.architecture = host;
  }
}

/**
 * Rewrites, in place, the functions of a service that serverless-spring runs: a function whose
 * handler is a bean name (or a definition) gets our handler class and the definition variable;
 * one that names our handler class already is only classified. Functions of other runtimes,
 * container-image functions and other Java handlers are left alone.
 *
 * @returns {Map<string, 'jvm'|'native'|'java-runtime'>} the kind of each function the plugin builds for
 */
function prepareFunctions(service, options) {
  const providerRuntime = service.provider && service.provider.runtime;
  const kinds = new Map();
  for (const [name, fn] of Object.entries(service.functions || {})) {
    if (!fn || fn.image || typeof fn.handler !== 'string') continue;
    const handler = fn.handler.trim();
    const namesBean = BEAN_DEFINITION.test(handler);
    if (!namesBean && handler !== HANDLER) continue;
    const runtime = fn.runtime || providerRuntime || options.runtime;
    const kind = kindOf(runtime, fn[PACKAGE_PROPERTY]);
    if (!kind) continue;
    if (!fn.runtime && !providerRuntime) fn.runtime = runtime;
    if (namesBean) {
      fn.handler = HANDLER;
      fn.environment = Object.assign({ [DEFINITION_VARIABLE]: handler }, fn.environment);
    }
    if (streamsRestApi(fn)) {
      // serverless.spring.streaming.rest-api: the function cannot see the route's transfer mode.
      fn.environment = Object.assign({ [REST_API_STREAMING_VARIABLE]: 'true' }, fn.environment);
    }
    kinds.set(name, kind);
  }
  return kinds;
}

/** Whether a function has a REST API route whose responses stream (`http.response.transferMode: STREAM`). */
function streamsRestApi(fn) {
  return (fn.events || []).some(
    (event) => event && event.http && typeof event.http === 'object' && event.http.response &&
      event.http.response.transferMode === 'STREAM'
  );
}

/** Whether a function asks Lambda to stream its response: a Function URL or a REST API route in stream mode. */
function streams(fn) {
  const url = fn.url;
  if (url && typeof url === 'object' && url.invokeMode === 'RESPONSE_STREAM') return true;
  return streamsRestApi(fn);
}

/**
 * The warnings for Spring functions that ask for response streaming on a managed Java runtime:
 * the runtime interface client cannot stream, so Lambda gets the whole response (at most 6 MB).
 *
 * @returns {string[]} one message per such function
 */
function streamingWarnings(service, kinds) {
  const warnings = [];
  for (const [name, kind] of kinds) {
    const fn = service.functions[name];
    if (kind === 'jvm' && streams(fn)) {
      const runtime = fn.runtime || (service.provider && service.provider.runtime) || 'java';
      warnings.push(
        `serverless-spring: function "${name}" streams its response (RESPONSE_STREAM), but ${runtime} cannot ` +
          'stream: Lambda answers its whole response at once, at most 6 MB. Put it on a custom runtime ' +
          '(runtime: provided.al2023, springPackage: java-runtime for the JVM) to stream; see docs/streaming.md.'
      );
    }
  }
  return warnings;
}

module.exports = {
  HANDLER,
  DEFINITION_VARIABLE,
  PACKAGE_PROPERTY,
  JAVA_RUNTIME,
  kindOf,
  hostArchitecture,
  checkArchitectures,
  prepareFunctions,
  streamingWarnings,
};
