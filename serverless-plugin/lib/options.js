'use strict';

/**
 * The plugin's settings under `custom.spring`, with their defaults. The same object is
 * registered as the JSON schema of `custom.spring`, so typos fail config validation.
 */
const schema = {
  type: 'object',
  properties: {
    maven: { type: 'string' },
    module: { type: 'string' },
    mavenArgs: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    nativeProfile: { type: 'string' },
    runtime: { type: 'string' },
    build: { type: 'boolean' },
    skipBuildWhenFresh: { type: 'boolean' },
    sources: { type: 'array', items: { type: 'string' } },
    javaRuntimeLayer: { type: 'boolean' },
  },
  additionalProperties: false,
};

const defaults = {
  // null: ./mvnw when the project has the wrapper, else mvn from the PATH.
  maven: null,
  // The Maven module (a directory under the service's) holding the functions, when serverless.yml
  // sits at the root of a multi-module build: Maven runs at the root with -pl <module> -am.
  module: null,
  mavenArgs: ['-q', 'package', '-DskipTests'],
  nativeProfile: 'native',
  // Runtime of functions that name a bean and declare no runtime (nor does the provider).
  runtime: 'java21',
  build: true,
  skipBuildWhenFresh: true,
  // What the build reads; the artifact is fresh when it is newer than all of these.
  sources: ['pom.xml', 'src'],
  // true: the java-runtime functions share their Java runtime as one Lambda layer, their zips without it.
  javaRuntimeLayer: false,
};

function resolveOptions(custom) {
  const given = (custom && custom.spring) || {};
  const options = Object.assign({}, defaults, given);
  if (typeof options.mavenArgs === 'string') {
    options.mavenArgs = options.mavenArgs.split(/\s+/).filter(Boolean);
  }
  return options;
}

module.exports = { schema, defaults, resolveOptions };
