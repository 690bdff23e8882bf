'use strict';

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { addJavaRuntimeLayer, LAYER_REFERENCE } = require('../lib/java-runtime-layer');

describe('addJavaRuntimeLayer', () => {
  const service = () => ({
    service: 'orders',
    provider: { runtime: 'java21' },
    functions: {
      fast: { runtime: 'provided.al2023', springPackage: 'java-runtime', architecture: 'arm64' },
      feed: { runtime: 'provided.al2023', springPackage: 'java-runtime', architecture: 'arm64', layers: ['arn:aws:lambda:eu-west-1:123456789012:layer:extension:3'] },
      other: {},
    },
  });
  const kinds = new Map([['fast', 'java-runtime'], ['feed', 'java-runtime'], ['other', 'jvm']]);

  it('deploys the runtime once as a layer of the build machine architecture, named per service and stage', () => {
    const s = service();
    addJavaRuntimeLayer(s, kinds, 'target/orders-1.0-java-runtime-layer.zip', 'prod');
    assert.deepEqual(s.layers.springJavaRuntime, {
      name: 'orders-prod-java-runtime',
      description: 'The Java runtime of the java-runtime functions, linked by serverless-spring (jlink)',
      compatibleRuntimes: ['provided.al2023'],
      compatibleArchitectures: ['arm64'],
      package: { artifact: 'target/orders-1.0-java-runtime-layer.zip' },
    });
  });

  it('adds it to the java-runtime functions only, after the layers they have', () => {
    const s = service();
    addJavaRuntimeLayer(s, kinds, 'layer.zip', 'dev');
    assert.deepEqual(s.functions.fast.layers, [LAYER_REFERENCE]);
    assert.deepEqual(s.functions.feed.layers, ['arn:aws:lambda:eu-west-1:123456789012:layer:extension:3', LAYER_REFERENCE]);
    assert.equal(s.functions.other.layers, undefined);
    // Twice (a second hook in one run) adds it once.
    addJavaRuntimeLayer(s, kinds, 'layer.zip', 'dev');
    assert.deepEqual(s.functions.fast.layers, [LAYER_REFERENCE]);
  });

  it('keeps the provider layers, which a function own layers would replace', () => {
    const s = service();
    s.provider.layers = ['arn:aws:lambda:eu-west-1:123456789012:layer:otel:7'];
    addJavaRuntimeLayer(s, kinds, 'layer.zip', 'dev');
    assert.deepEqual(s.functions.fast.layers, ['arn:aws:lambda:eu-west-1:123456789012:layer:otel:7', LAYER_REFERENCE]);
  });

  it('leaves a service without java-runtime functions alone', () => {
    const s = service();
    addJavaRuntimeLayer(s, new Map([['other', 'jvm']]), 'layer.zip', 'dev');
    assert.equal(s.layers, undefined);
  });
});
