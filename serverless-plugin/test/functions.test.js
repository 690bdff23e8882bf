'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { prepareFunctions, streamingWarnings, HANDLER } = require('../lib/functions');
const { resolveOptions } = require('../lib/options');

const prepare = (service, custom) => {
  const kinds = prepareFunctions(service, resolveOptions(custom));
  return Object.fromEntries(kinds);
};

describe('prepareFunctions', () => {
  it('turns a bean name into our handler and the definition variable, keeping other variables', () => {
    const service = {
      provider: { runtime: 'java21' },
      functions: { upper: { handler: 'uppercase', environment: { LEVEL: 'debug' } } },
    };
    assert.deepEqual(prepare(service), { upper: 'jvm' });
    assert.equal(service.functions.upper.handler, HANDLER);
    assert.deepEqual(service.functions.upper.environment, {
      SPRING_CLOUD_FUNCTION_DEFINITION: 'uppercase',
      LEVEL: 'debug',
    });
  });

  it('passes compositions through as the definition', () => {
    const service = { provider: {}, functions: { pipeline: { handler: 'trim|uppercase' } } };
    prepare(service);
    assert.equal(service.functions.pipeline.environment.SPRING_CLOUD_FUNCTION_DEFINITION, 'trim|uppercase');
  });

  it('lets an explicit definition variable win', () => {
    const service = {
      provider: {},
      functions: { f: { handler: 'a', environment: { SPRING_CLOUD_FUNCTION_DEFINITION: 'b' } } },
    };
    prepare(service);
    assert.equal(service.functions.f.environment.SPRING_CLOUD_FUNCTION_DEFINITION, 'b');
  });

  it('gives functions without any runtime custom.spring.runtime (java21 by default)', () => {
    const service = { provider: {}, functions: { a: { handler: 'a' }, b: { handler: 'b' } } };
    assert.deepEqual(prepare(service, { spring: { runtime: 'java25' } }), { a: 'jvm', b: 'jvm' });
    assert.equal(service.functions.a.runtime, 'java25');
    const defaulted = { provider: {}, functions: { a: { handler: 'a' } } };
    prepare(defaulted);
    assert.equal(defaulted.functions.a.runtime, 'java21');
  });

  it('classifies provided runtimes as native, per function and per provider', () => {
    const service = {
      provider: { runtime: 'provided.al2023' },
      functions: { fast: { handler: 'fast' }, jvm: { handler: 'slow', runtime: 'java25' } },
    };
    assert.deepEqual(prepare(service), { fast: 'native', jvm: 'jvm' });
    assert.equal(service.functions.fast.handler, HANDLER);
    assert.equal(service.functions.fast.runtime, undefined, 'the provider runtime applies');
  });

  it('keeps our handler class as it is and leaves other functions alone', () => {
    const service = {
      provider: { runtime: 'java21' },
      functions: {
        explicit: { handler: HANDLER, environment: { SPRING_CLOUD_FUNCTION_DEFINITION: 'x' } },
        other: { handler: 'com.example.Handler::handleRequest' },
        node: { handler: 'index.handler', runtime: 'nodejs20.x' },
        nodeBean: { handler: 'handler', runtime: 'nodejs20.x' },
        image: { image: 'repo:tag' },
      },
    };
    assert.deepEqual(prepare(service), { explicit: 'jvm' });
    assert.equal(service.functions.other.handler, 'com.example.Handler::handleRequest');
    assert.equal(service.functions.nodeBean.handler, 'handler');
    assert.deepEqual(service.functions.explicit.environment, { SPRING_CLOUD_FUNCTION_DEFINITION: 'x' });
  });
});

describe('java-runtime functions', () => {
  const { checkArchitectures, hostArchitecture } = require('../lib/functions');
  const service = (architecture, providerArchitecture) => ({
    provider: { runtime: 'java21', architecture: providerArchitecture },
    functions: {
      fast: { handler: 'uppercase', runtime: 'provided.al2023', springPackage: 'java-runtime', architecture },
      other: { handler: 'quote' },
    },
  });

  it('is a provided function that asks for the package with its own Java runtime', () => {
    const s = service();
    assert.deepEqual(prepare(s), { fast: 'java-runtime', other: 'jvm' });
    const native = { provider: {}, functions: { n: { handler: 'uppercase', runtime: 'provided.al2023' } } };
    assert.deepEqual(prepare(native), { n: 'native' });
  });

  it('gets the build machine architecture when it declares none', () => {
    const s = service(undefined, undefined);
    checkArchitectures(s, new Map(Object.entries(prepare(s))), 'x86_64');
    assert.equal(s.functions.fast.architecture, 'x86_64');
    assert.equal(s.functions.other.architecture, undefined);
    // On an arm64 build machine too, not Lambda's default x86_64.
    const graviton = service(undefined, undefined);
    checkArchitectures(graviton, new Map(Object.entries(prepare(graviton))), 'arm64');
    assert.equal(graviton.functions.fast.architecture, 'arm64');
  });

  it('fails clearly for an architecture the build machine cannot build, its own or the provider one', () => {
    for (const s of [service('arm64'), service(undefined, 'arm64')]) {
      assert.throws(
        () => checkArchitectures(s, new Map(Object.entries(prepare(s))), 'x86_64'),
        /Function fast is deployed for arm64, but its java-runtime package .* is built on this x86_64 machine: set "architecture: x86_64"/
      );
    }
    const fine = service('x86_64', 'arm64');
    checkArchitectures(fine, new Map(Object.entries(prepare(fine))), 'x86_64');
  });

  it('fails clearly off Linux', () => {
    assert.equal(hostArchitecture('darwin', 'arm64'), null);
    assert.equal(hostArchitecture('linux', 'x64'), 'x86_64');
    assert.equal(hostArchitecture('linux', 'arm64'), 'arm64');
    const s = service();
    assert.throws(() => checkArchitectures(s, new Map(Object.entries(prepare(s))), null), /Lambda runs Linux: build it on Linux/);
  });
});

describe('streamingWarnings', () => {
  const warnings = (service) => streamingWarnings(service, prepareFunctions(service, resolveOptions()));

  it('warns when a streaming Function URL sits on a managed Java runtime', () => {
    const service = {
      provider: { runtime: 'java21' },
      functions: { feed: { handler: 'feed', url: { invokeMode: 'RESPONSE_STREAM' } } },
    };
    const [warning, ...others] = warnings(service);
    assert.deepEqual(others, []);
    assert.match(warning, /function "feed" streams its response \(RESPONSE_STREAM\), but java21 cannot stream/);
    assert.match(warning, /provided\.al2023/);
  });

  it('tells a function whose REST API route streams to stream its REST responses', () => {
    const service = {
      provider: { runtime: 'provided.al2023' },
      functions: {
        feed: { handler: 'feed', events: [{ http: { path: 'feed', method: 'get', response: { transferMode: 'STREAM' } } }] },
        plain: { handler: 'plain', events: [{ http: 'GET plain' }] },
      },
    };
    prepareFunctions(service, resolveOptions());
    assert.equal(service.functions.feed.environment.SERVERLESS_SPRING_STREAMING_RESTAPI, 'true');
    assert.equal(service.functions.plain.environment.SERVERLESS_SPRING_STREAMING_RESTAPI, undefined);
  });

  it('warns for a REST API route in stream mode too', () => {
    const service = {
      provider: { runtime: 'java25' },
      functions: { feed: { handler: 'feed', events: [{ http: { path: 'feed', method: 'get', response: { transferMode: 'STREAM' } } }] } },
    };
    assert.equal(warnings(service).length, 1);
  });

  it('says nothing for a custom runtime, a buffered URL or a function of another runtime', () => {
    const service = {
      provider: { runtime: 'java21' },
      functions: {
        streamed: { handler: 'feed', runtime: 'provided.al2023', url: { invokeMode: 'RESPONSE_STREAM' } },
        buffered: { handler: 'upper', url: true },
        node: { handler: 'index.handler', runtime: 'nodejs22.x', url: { invokeMode: 'RESPONSE_STREAM' } },
      },
    };
    assert.deepEqual(warnings(service), []);
  });
});
