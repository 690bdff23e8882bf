// Runs once the files are written: checks the properties (archetype:generate enforces no
// validationRegex in batch mode) and does what Velocity templates cannot.
import java.nio.file.Files
import java.nio.file.Path

Path project = Path.of(request.outputDirectory, request.artifactId)

def javaPackage = /[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*/
def rules = [
    groupId     : [request.groupId, javaPackage, 'a Java package name such as com.acme'],
    package     : [request.package, javaPackage, 'a Java package name such as com.acme.orders'],
    artifactId  : [request.artifactId, /[a-z][a-z0-9-]*/, 'lower-case letters, digits and hyphens, starting with a letter (it is also the Serverless service name)'],
    runtime     : [request.properties.get('runtime'), /java21|java25|java-runtime/,
                   'java21, java25 or java-runtime (provided.al2023 with its own Java runtime and AOT cache)'],
    architecture: [request.properties.get('architecture'), /arm64|x86_64/, 'arm64 or x86_64'],
    memorySize  : [request.properties.get('memorySize'), /[1-9][0-9]{2,4}/, 'a size in MB from 128 to 10240'],
    region      : [request.properties.get('region'), /[a-z]{2}(-gov)?-[a-z]+-[0-9]/, 'an AWS region such as us-east-1'],
    native      : [request.properties.get('native'), /true|false/, 'true or false'],
]
def problems = rules.findAll { name, rule -> !(rule[0] ==~ rule[1]) }
        .collect { name, rule -> "-D${name}=${rule[0]} is invalid: use ${rule[2]}" }
if (rules.memorySize[0] ==~ rules.memorySize[1] && !((rules.memorySize[0] as int) in 128..10240)) {
    problems << "-DmemorySize=${rules.memorySize[0]} is invalid: use ${rules.memorySize[2]}"
}
if (problems) {
    // Leave nothing half-made behind.
    project.toFile().deleteDir()
    throw new IllegalArgumentException('serverless-spring-archetype: ' + problems.join('; '))
}

// Archetypes do not keep file modes, and "./mvnw" must be executable.
project.resolve('mvnw').toFile().setExecutable(true, false)

