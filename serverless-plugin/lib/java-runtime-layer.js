'use strict';

const { JAVA_RUNTIME } = require('./functions');

/** The layer's key under `layers:`, and so its logical id (SpringJavaRuntimeLambdaLayer). */
const LAYER = 'springJavaRuntime';
const LAYER_REFERENCE = { Ref: 'SpringJavaRuntimeLambdaLayer' };

/**
 * With `custom.spring.javaRuntimeLayer`, deploys the Java runtime of the java-runtime functions once,
 * as a Lambda layer (Lambda unpacks it under /opt, where their bootstrap looks when the zip has no
 * runtime/), and adds it to each of them. The layer and the function zips come from one build, so
 * the runtime in the layer is the one that trained each function's AOT cache.
 *
 * @param {object} service the framework's service, changed in place
 * @param {Map<string, string>} kinds the kind of each Spring function being packaged
 * @param {string} artifact the layer zip, as package.artifact takes it
 * @param {string} stage the stage deployed, part of the layer's name (layer names are per account and Region)
 */
function addJavaRuntimeLayer(service, kinds, artifact, stage) {
  const names = [...kinds].filter(([, kind]) => kind === JAVA_RUNTIME).map(([name]) => name);
  if (names.length === 0) return;
  // checkArchitectures set each to the build machine's: the same for all.
  const architecture = service.functions[names[0]].architecture;
  service.layers = Object.assign(service.layers || {}, {
    [LAYER]: {
      name: `${service.service}-${stage}-java-runtime`,
      description: 'The Java runtime of the java-runtime functions, linked by serverless-spring (jlink)',
      compatibleRuntimes: ['provided.al2023'],
      compatibleArchitectures: [architecture],
      package: { artifact },
    },
  });
  const providerLayers = (service.provider && service.provider.layers) || [];
  for (const name of names) {
    const fn = service.functions[name];
    // A function's own layers replace the provider's: keep those it had.
    const layers = fn.layers || providerLayers;
    if (!layers.some((layer) => layer && layer.Ref === LAYER_REFERENCE.Ref)) {
      fn.layers = [...layers, LAYER_REFERENCE];
    }
  }
}

module.exports = { LAYER, LAYER_REFERENCE, addJavaRuntimeLayer };
