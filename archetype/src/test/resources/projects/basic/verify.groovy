import java.util.jar.JarFile

// basedir is the test case's directory; the version is filled in by the archetype's build
def framegateVersion = '@project.version@'
def project = new File(basedir, 'project/basic')
println "Checking generated project $project"
assert new File(project, '.gitignore').text.contains('target/')
assert new File(project, 'README.md').text.contains('# basic')
def pom = new File(project, 'pom.xml').text
assert pom.contains('<packaging>framegate-plugin</packaging>')
assert pom.contains('<framegate.version>' + framegateVersion + '</framegate.version>') : "framegate.version is not this build's $framegateVersion"
assert !pom.contains('@' + 'project.version' + '@') && !pom.contains('symbol_dollar')
assert new File(project, 'src/main/java/com/example/it/ws/PrefixPlugin.java').text.contains('package com.example.it.ws;')

def log = new File(project, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('Framegate plugin "prefix" (com.example.it.ws.PrefixPlugin, priority 1000')

new JarFile(new File(project, 'target/basic-1.0.0-SNAPSHOT.jar')).withCloseable { jar ->
  def props = new Properties()
  jar.getInputStream(jar.getEntry('META-INF/framegate/plugin.properties')).withCloseable { props.load(it) }
  assert props['plugin.id'] == 'com.example.it:basic'
  assert props['plugin.classes'] == 'com.example.it.ws.PrefixPlugin'
}
return true
