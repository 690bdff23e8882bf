'use strict';

// custom.spring.module: serverless.yml at the root of a multi-module Maven build, the functions in one module.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { copyFixture, serverless, withSpringOptions } = require('./support');

const ZIP = 'fixture-functions-1.0.0-aws.zip';

/** The fixture moved into functions/, under an aggregator pom that serverless.yml sits next to. */
function multiModuleFixture() {
  const dir = copyFixture();
  const module = path.join(dir, 'functions');
  fs.mkdirSync(module);
  fs.renameSync(path.join(dir, 'pom.xml'), path.join(module, 'pom.xml'));
  fs.renameSync(path.join(dir, 'src'), path.join(module, 'src'));
  // An unrelated module the functions do not need: -pl functions -am must leave it out.
  fs.mkdirSync(path.join(dir, 'unrelated'));
  fs.writeFileSync(
    path.join(dir, 'unrelated', 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>unrelated</artifactId>
  <version>1.0.0</version>
  <packaging>pom</packaging>
  <build><plugins><plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-enforcer-plugin</artifactId>
    <version>3.6.2</version><executions><execution><goals><goal>enforce</goal></goals><phase>validate</phase>
    <configuration><rules><alwaysFail/></rules></configuration></execution></executions></plugin></plugins></build>
</project>
`
  );
  fs.writeFileSync(
    path.join(dir, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>fixture-build</artifactId>
  <version>1.0.0</version>
  <packaging>pom</packaging>
  <modules>
    <module>functions</module>
    <module>unrelated</module>
  </modules>
</project>
`
  );
  return dir;
}

describe('serverless-spring with custom.spring.module', () => {
  let dir;

  before(() => {
    dir = multiModuleFixture();
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds only that module (and what it needs) from the root and points the functions at its zip', () => {
    const restore = withSpringOptions(dir, 'module: functions');
    try {
      const result = serverless(dir, ['package']);
      assert.equal(result.status, 0, result.output);
      assert.match(result.output, /building fixture-functions-1\.0\.0-aws\.zip \(mvnw -q package -DskipTests -pl functions -am\)/);
      assert.ok(fs.existsSync(path.join(dir, 'functions', 'target', ZIP)));
        assert.ok(!fs.existsSync(path.join(dir, 'target')), 'nothing was built at the root');
      const template = JSON.parse(
        fs.readFileSync(path.join(dir, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8')
      );
      const keys = Object.values(template.Resources)
        .filter((resource) => resource.Type === 'AWS::Lambda::Function')
        .map((resource) => path.posix.basename(resource.Properties.Code.S3Key));
      assert.deepEqual(keys, [ZIP, ZIP]);

      const again = serverless(dir, ['package']);
      assert.equal(again.status, 0, again.output);
      assert.match(again.output, /fixture-functions-1\.0\.0-aws\.zip is up to date, skipping the Maven build/);
    } finally {
      restore();
    }
  });

  it('names a module directory without a pom.xml', () => {
    const restore = withSpringOptions(dir, 'module: function');
    try {
      const result = serverless(dir, ['package']);
      assert.notEqual(result.status, 0);
      assert.match(result.output, /custom\.spring\.module is "function", but .*function has no pom\.xml/);
    } finally {
      restore();
    }
  });
});
