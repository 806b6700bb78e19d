import java.net.http.HttpClient
import java.net.http.WebSocket
import java.nio.file.Files
import java.util.concurrent.CompletionStage
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import java.util.jar.JarFile

// basedir is the test case's directory; the version is filled in by the archetype's build
def framegateVersion = '@project.version@'
// The Maven 3.8 that Debian 12 and Ubuntu LTS ship; the generated project's wrapper fetches it.
def maven38 = '@it.maven38.version@'
def project = new File(basedir, 'project/basic')
println "Checking generated project $project"
assert new File(project, '.gitignore').text.contains('target/')
def readme = new File(project, 'README.md').text
assert readme.startsWith('# basic') && readme.contains('./mvnw verify') && !readme.contains('https://')
assert readme.contains('\n## Build\n') && readme.contains('\n## Run it\n') : "README headings lost:\n$readme"
def pom = new File(project, 'pom.xml').text
assert pom.contains('<packaging>framegate-plugin</packaging>')
assert pom.contains('<framegate.version>' + framegateVersion + '</framegate.version>') : "framegate.version is not this build's $framegateVersion"
assert !pom.contains('@' + 'project.version' + '@') && !pom.contains('symbol_dollar')
assert new File(project, 'src/main/java/com/example/it/ws/PrefixPlugin.java').text.contains('package com.example.it.ws;')

// The Maven wrapper comes along, unfiltered and executable.
def mvnw = new File(project, 'mvnw')
assert mvnw.isFile() && mvnw.canExecute() : 'the generated mvnw is missing or not executable'
assert mvnw.text == new File(basedir, '../../../../../mvnw').text : 'the generated mvnw differs from the repository'
assert new File(project, 'mvnw.cmd').isFile()
def wrapperProperties = new File(project, '.mvn/wrapper/maven-wrapper.properties')
assert wrapperProperties.text.contains('distributionUrl=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.')

def log = new File(project, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0.*PrefixPluginFuzzTest/ : 'the generated fuzz property did not run green'
assert log.contains('Framegate plugin "prefix" (com.example.it.ws.PrefixPlugin, priority 1000')

new JarFile(new File(project, 'target/basic-1.0.0-SNAPSHOT.jar')).withCloseable { jar ->
  def props = new Properties()
  jar.getInputStream(jar.getEntry('META-INF/framegate/plugin.properties')).withCloseable { props.load(it) }
  assert props['plugin.id'] == 'com.example.it:basic'
  assert props['plugin.classes'] == 'com.example.it.ws.PrefixPlugin'
}

def target = new File(basedir, '../../..').canonicalFile
def settings = new File(target, 'it-settings/settings.xml')
def repository = new File(target, 'local-repo')
def isolation = ['-B', '-ntp', '-s', settings.path, "-Dmaven.repo.local=${repository.path}".toString()]
// Maven 3.8 asks for artifacts Maven 3.9 never needed, so it may reach Maven Central for those
def isolation38 = ['-B', '-ntp', '-s', new File(target, 'it-settings/settings-with-central.xml').path,
    "-Dmaven.repo.local=${repository.path}".toString()]

def mavenRun = { List<String> command, File output ->
  def process = new ProcessBuilder(command).directory(project).redirectErrorStream(true).redirectOutput(output).start()
  assert process.waitFor(20, TimeUnit.MINUTES) : "${command} did not finish:\n${output.text}"
  return process.exitValue()
}

// End to end: `framegate:run` in the generated project starts the runtime with the packaged plugin
// JAR in front of the built-in echo upstream; a real WebSocket client on 127.0.0.1 sees the plugin
// act; SIGTERM (what Ctrl-C does) stops Maven and the runtime with it.
def endToEnd = { String label, List<String> options ->
  def freePort = { -> def socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); def p = socket.localPort; socket.close(); p }
  int port = freePort()
  def runLog = new File(project, "run-${label}.log")
  def maven = new ProcessBuilder([mvnw.path, '-V'] + options + ['-DskipTests', 'framegate:run', "-Dframegate.port=$port".toString()])
      .directory(project).redirectErrorStream(true).redirectOutput(runLog).start()
  def received = new LinkedBlockingQueue<String>()
  def listener = new WebSocket.Listener() {
    StringBuilder text = new StringBuilder()

    @Override
    CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data)
      if (last) {
        received.add(text.toString())
        text.setLength(0)
      }
      socket.request(1)
      return null
    }
  }
  def client = HttpClient.newHttpClient()
  def uri = URI.create("ws://127.0.0.1:$port/")
  WebSocket socket = null
  try {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300)
    while (socket == null) {
      assert maven.isAlive() : "framegate:run ($label) ended early:\n${runLog.text}"
      try {
        socket = client.newWebSocketBuilder().buildAsync(uri, listener).get(5, TimeUnit.SECONDS)
      } catch (Exception notYet) {
        assert System.nanoTime() < deadline : "the runtime ($label) did not accept connections on $uri:\n${runLog.text}"
        Thread.sleep(500)
      }
    }
    socket.sendText('hello', true).get(5, TimeUnit.SECONDS)
    assert received.poll(10, TimeUnit.SECONDS) == '> hello' : "the prefix plugin did not act ($label):\n${runLog.text}"
    socket.sendText('again', true).get(5, TimeUnit.SECONDS)
    assert received.poll(10, TimeUnit.SECONDS) == '> again'
    socket.sendClose(1000, 'bye').get(5, TimeUnit.SECONDS)
  } finally {
    maven.destroy()
    assert maven.waitFor(60, TimeUnit.SECONDS) : "framegate:run ($label) did not stop on SIGTERM:\n${runLog.text}"
  }
  def text = runLog.text
  assert text.contains('Starting the Framegate runtime: ws://127.0.0.1:' + port + '/ -> builtin:echo through [prefix]')
  assert text.contains('framegate: stopped') : "the runtime ($label) did not stop cleanly:\n$text"
  // the runtime stopped with Maven: nothing listens on the port any more
  def refused = false
  try {
    new Socket('127.0.0.1', port).close()
  } catch (IOException expected) {
    refused = true
  }
  assert refused : "the runtime ($label) still listens on $port after framegate:run stopped"
  return text
}

// Maven 3.9, through the generated project's own wrapper as generated.
def run39 = endToEnd('maven-3.9', isolation)
assert run39 =~ /Apache Maven 3\.9\.\d+/

// Maven 3.8, the same project: the wrapper fetches it, the build and the run work unchanged.
wrapperProperties.text = wrapperProperties.text.replaceAll(/(?m)^distributionUrl=.*$/,
    "distributionUrl=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$maven38/apache-maven-$maven38-bin.zip")
new File(project, 'target').deleteDir()
def verifyLog = new File(project, 'verify-maven-3.8.log')
assert mavenRun([mvnw.path, '-V'] + isolation38 + ['verify'], verifyLog) == 0 : "verify on Maven $maven38 failed:\n${verifyLog.text}"
def verify38 = verifyLog.text
assert verify38.contains("Apache Maven $maven38")
assert verify38.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert verify38.contains('Framegate plugin "prefix" (com.example.it.ws.PrefixPlugin, priority 1000')
assert new File(project, 'target/basic-1.0.0-SNAPSHOT.jar').isFile()
def run38 = endToEnd('maven-3.8', isolation38)
assert run38.contains("Apache Maven $maven38")
return true
