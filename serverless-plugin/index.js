'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { schema, resolveOptions } = require('./lib/options');
const { prepareFunctions, checkArchitectures, streamingWarnings, PACKAGE_PROPERTY, JAVA_RUNTIME } = require('./lib/functions');
const maven = require('./lib/maven');
const localLambda = require('./lib/local-lambda');
const { addJavaRuntimeLayer } = require('./lib/java-runtime-layer');
const PluginError = require('./lib/plugin-error');

/**
 * serverless-spring: builds the Spring function project with Maven while the framework packages
 * the service, points the functions at the built zip, and runs them on the local Lambda.
 */
class ServerlessSpringPlugin {
  constructor(serverless, cliOptions, utils) {
    this.serverless = serverless;
    this.cliOptions = cliOptions || {};
    this.log = (utils && utils.log) || { notice: (m) => serverless.cli.log(m), info: () => {} };
    this.writeText = (utils && utils.writeText) || ((text) => process.stdout.write(`${text}\n`));
    // What the user typed: the AWS plugin parses --data and reads --path into it before our hooks run.
    this.invokeInput = { data: this.cliOptions.data, path: this.cliOptions.path };

    const schemaHandler = serverless.configSchemaHandler;
    if (schemaHandler && schemaHandler.defineCustomProperties) {
      schemaHandler.defineCustomProperties({ properties: { spring: schema } });
    }
    if (schemaHandler && schemaHandler.defineFunctionProperties) {
      // provided.al2023 functions: "native" (GraalVM, the default) or "java-runtime" (own JVM and AOT cache).
      schemaHandler.defineFunctionProperties('aws', {
        properties: { [PACKAGE_PROPERTY]: { enum: ['native', JAVA_RUNTIME] } },
      });
    }

    this.commands = {
      spring: {
        usage: 'Runs the Spring functions locally',
        commands: {
          start: {
            usage: 'Serves the functions\' Invoke API and httpApi routes on the local Lambda',
            lifecycleEvents: ['start'],
            options: {
              port: { usage: 'Port of the local Lambda (default: chosen by the local Lambda)', type: 'string' },
            },
          },
        },
      },
    };

    this.hooks = {
      initialize: this.guard(() => this.prepare()),
      'before:package:createDeploymentArtifacts': this.guard(() => this.build(this.prepare())),
      'before:deploy:function:packageFunction': this.guard(() => {
        const kinds = this.prepare();
        const kind = kinds.get(this.cliOptions.function);
        // deploy function updates the code only, not the layers: a java-runtime zip then carries its runtime.
        return kind ? this.build(new Map([[this.cliOptions.function, kind]]), { javaRuntimeLayer: false }) : undefined;
      }),
      'spring:start:start': this.guard(() => this.start()),
    };
    this.interceptInvokeLocal();
  }

  /** Turns the plugin's own errors into the framework's user errors (no stack trace). */
  guard(hook) {
    return async () => {
      try {
        return await hook();
      } catch (error) {
        if (!(error instanceof PluginError)) throw error;
        const FrameworkError = this.serverless.classes && this.serverless.classes.Error;
        throw FrameworkError ? new FrameworkError(error.message, error.code) : error;
      }
    };
  }

  get options() {
    return resolveOptions(this.serverless.service.custom);
  }

  get projectDir() {
    return this.serverless.serviceDir || this.serverless.config.servicePath;
  }

  /** The directory of the function project's pom.xml: the service's, or custom.spring.module's. */
  get moduleDir() {
    const module = this.options.module;
    if (!module) return this.projectDir;
    const dir = path.resolve(this.projectDir, module);
    if (!fs.existsSync(path.join(dir, 'pom.xml'))) {
      throw new PluginError(
        `custom.spring.module is "${module}", but ${dir} has no pom.xml: name the directory of the Maven ` +
          'module that builds the functions, relative to serverless.yml.',
        'SPRING_MODULE_NOT_FOUND'
      );
    }
    return dir;
  }

  /** Maven's arguments for a build of the functions: the module and what it needs, in a multi-module build. */
  buildArgs(args) {
    const module = this.options.module;
    return module ? [...args, '-pl', module, '-am'] : args;
  }

  /** Rewrites bean-name handlers once; returns the kind (jvm/native) of each Spring function. */
  prepare() {
    if (!this.kinds) {
      this.kinds = prepareFunctions(this.serverless.service, this.options);
      const warn = this.log.warning || this.log.notice;
      for (const warning of streamingWarnings(this.serverless.service, this.kinds)) warn(warning);
    }
    return this.kinds;
  }

  async finalName(command) {
    if (!this.cachedFinalName) this.cachedFinalName = await maven.readFinalName(this.moduleDir, command);
    return this.cachedFinalName;
  }

  /**
   * Builds the artifact of each kind the given functions need and points them at it; with
   * javaRuntimeLayer, the java-runtime functions' zips leave their runtime to a layer built with them.
   */
  async build(kinds, { javaRuntimeLayer = this.options.javaRuntimeLayer } = {}) {
    if (kinds.size === 0) return;
    try {
      checkArchitectures(this.serverless.service, kinds);
    } catch (error) {
      throw new PluginError(error.message, 'SPRING_ARCHITECTURE');
    }
    const options = this.options;
    const command = maven.mavenCommand(this.projectDir, options.maven);
    const finalName = await this.finalName(command);
    const needed = [...new Set(kinds.values())].sort();
    const artifacts = {};
    const layer = maven.artifactPath(this.moduleDir, finalName, 'java-runtime-layer');
    for (const kind of needed) {
      const artifact = maven.artifactPath(this.moduleDir, finalName, kind);
      artifacts[kind] = artifact;
      const withLayer = kind === JAVA_RUNTIME && javaRuntimeLayer;
      // The layer zip exists after a build with the layer only: the zip at hand must be of the kind asked.
      const sameLayout = kind !== JAVA_RUNTIME || (withLayer ? maven.isFresh(layer, this.moduleDir, options.sources) : !fs.existsSync(layer));
      if (!options.build) {
        this.log.info(`serverless-spring: custom.spring.build is false, using ${artifact} as it is`);
      } else if (options.skipBuildWhenFresh && sameLayout && maven.isFresh(artifact, this.moduleDir, options.sources)) {
        this.log.notice(`serverless-spring: ${path.basename(artifact)} is up to date, skipping the Maven build`);
      } else {
        const args = this.buildArgs(this.kindArgs(kind, kinds, withLayer));
        this.log.notice(`serverless-spring: building ${path.basename(artifact)} (${path.basename(command)} ${args.join(' ')})`);
        await maven.runMaven(this.projectDir, command, args);
      }
      if (!fs.existsSync(artifact)) {
        throw new PluginError(missingArtifactMessage(artifact, kind, options), 'SPRING_ARTIFACT_NOT_FOUND');
      }
      if (withLayer && !fs.existsSync(layer)) {
        throw new PluginError(missingArtifactMessage(layer, 'java-runtime-layer', options), 'SPRING_ARTIFACT_NOT_FOUND');
      }
    }
    this.pointAt(kinds, artifacts);
    if (javaRuntimeLayer && artifacts[JAVA_RUNTIME]) {
      const stage = this.serverless.getProvider('aws').getStage();
      addJavaRuntimeLayer(this.serverless.service, kinds, path.relative(this.projectDir, layer), stage);
    }
  }

  /**
   * Maven's arguments for one kind of package: the native profile, or the architecture the java-runtime
   * package is checked against (and whether its runtime goes into a layer).
   */
  kindArgs(kind, kinds, withLayer) {
    const options = this.options;
    if (kind === 'native') return [...options.mavenArgs, `-P${options.nativeProfile}`];
    if (kind === JAVA_RUNTIME) {
      const name = [...kinds].find(([, k]) => k === JAVA_RUNTIME)[0];
      const args = [...options.mavenArgs, `-Dserverless-spring.java-runtime.architecture=${this.serverless.service.functions[name].architecture}`];
      return withLayer ? [...args, '-Dserverless-spring.java-runtime.layer=true'] : args;
    }
    return options.mavenArgs;
  }

  /** Sets package.artifact of the service or of each function to the zip of its kind. */
  pointAt(kinds, artifacts) {
    const service = this.serverless.service;
    const relative = (file) => path.relative(this.projectDir, file);
    const packaged = Object.entries(service.functions || {}).filter(([, fn]) => fn && !fn.image);
    const allSpring = packaged.every(([name]) => this.kinds.has(name));
    // One shared zip (package.artifact) when the service is all Spring, as users would write it:
    // the JVM one unless every function is native; the others point at theirs.
    const sharedKind = [...this.kinds.values()].includes('jvm') ? 'jvm' : 'native';
    const shared = allSpring ? artifacts[sharedKind] : undefined;
    if (shared) service.package = Object.assign(service.package || {}, { artifact: relative(shared) });
    for (const [name, kind] of kinds) {
      if (artifacts[kind] === shared) continue;
      const fn = service.functions[name];
      fn.package = Object.assign(fn.package || {}, { artifact: relative(artifacts[kind]) });
    }
  }

  /**
   * `invoke local` belongs to the AWS plugin, which would run a Java handler through its own
   * bridge. For Spring functions its hook is replaced by a call to the local Lambda; any other
   * function still goes to the AWS plugin.
   */
  interceptInvokeLocal() {
    const hooks = this.serverless.pluginManager && this.serverless.pluginManager.hooks;
    const entries = (hooks && hooks['invoke:local:invoke']) || [];
    for (const entry of entries) {
      if (entry.pluginName !== 'AwsInvokeLocal') continue;
      const original = entry.hook;
      entry.hook = async () => {
        const name = this.cliOptions.function;
        if (!this.prepare().has(name)) return original();
        return this.guard(() => this.invokeLocal(name))();
      };
    }
  }

  /** Builds the JVM zip (native functions run locally as their JVM build) and the local Lambda's inputs. */
  async prepareLocalLambda() {
    const options = this.options;
    const command = maven.mavenCommand(this.projectDir, options.maven);
    await this.build(new Map([...this.kinds].map(([name]) => [name, 'jvm'])));
    const finalName = await this.finalName(command);
    const classpath = await localLambda.localClasspath(this.moduleDir, command, finalName);
    const jvmRuntime = /^java/.test(options.runtime) ? options.runtime : 'java21';
    const config = localLambda.writeLocalConfig(
      this.moduleDir,
      this.serverless.service,
      this.kinds,
      maven.artifactPath(this.moduleDir, finalName, 'jvm'),
      jvmRuntime
    );
    return { classpath, config };
  }

  async invokeLocal(name) {
    const { classpath, config } = await this.prepareLocalLambda();
    const input = {};
    if (this.invokeInput.path) input.path = path.resolve(this.projectDir, this.invokeInput.path);
    else if (this.invokeInput.data !== undefined) input.data = String(this.invokeInput.data);
    else if (this.cliOptions.data !== undefined && this.cliOptions.data !== '') {
      // Read from stdin by the AWS plugin (and parsed when it was JSON).
      const data = this.cliOptions.data;
      input.data = typeof data === 'string' ? data : JSON.stringify(data);
    }
    const payload = await localLambda.invoke(classpath, config, name, input);
    this.writeText(payload.trim());
  }

  async start() {
    const kinds = this.prepare();
    if (kinds.size === 0) {
      throw new PluginError('No Spring functions in this service: nothing to start.', 'SPRING_NO_FUNCTIONS');
    }
    const { classpath, config } = await this.prepareLocalLambda();
    await localLambda.start(classpath, config, this.cliOptions.port);
  }
}

function missingArtifactMessage(artifact, kind, options) {
  const built = options.build ? 'The Maven build succeeded but did not write it' : 'custom.spring.build is false and it is missing';
  const layout =
    kind === 'native'
      ? `the "${options.nativeProfile}" profile must build the native image target/bootstrap, which serverless-spring-maven-plugin's package goal zips into target/<finalName>-native.zip`
      : kind === JAVA_RUNTIME
      ? "the pom must run serverless-spring-maven-plugin's link-java-runtime and java-runtime-zip goals (target/<finalName>-java-runtime.zip)"
      : kind === 'java-runtime-layer'
      ? 'custom.spring.javaRuntimeLayer is true: serverless-spring-maven-plugin\'s java-runtime-zip goal writes target/<finalName>-java-runtime-layer.zip with -Dserverless-spring.java-runtime.layer=true (a plugin version that has it, and no <layer> in the pom that overrides it)'
      : 'the pom must run serverless-spring-maven-plugin\'s package goal (<executions><execution><goals><goal>package</goal></goals></execution></executions>), which writes target/<finalName>-aws.zip';
  return `Deployment package ${artifact} not found. ${built}: ${layout}.`;
}

module.exports = ServerlessSpringPlugin;
