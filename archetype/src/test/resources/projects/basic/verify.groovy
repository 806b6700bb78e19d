import java.net.http.HttpClient
import java.net.http.WebSocket
import java.util.concurrent.CompletionStage
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
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
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0.*PrefixPluginFuzzTest/ : 'the generated fuzz property did not run green'
assert log.contains('Framegate plugin "prefix" (com.example.it.ws.PrefixPlugin, priority 1000')

new JarFile(new File(project, 'target/basic-1.0.0-SNAPSHOT.jar')).withCloseable { jar ->
  def props = new Properties()
  jar.getInputStream(jar.getEntry('META-INF/framegate/plugin.properties')).withCloseable { props.load(it) }
  assert props['plugin.id'] == 'com.example.it:basic'
  assert props['plugin.classes'] == 'com.example.it.ws.PrefixPlugin'
}

// End to end: `mvn framegate:run` in the generated project starts the runtime with the packaged
// plugin JAR in front of the built-in echo upstream; a real WebSocket client on 127.0.0.1 sees the
// plugin act; SIGTERM (what Ctrl-C does) stops Maven and the runtime with it.
def target = new File(basedir, '../../..').canonicalFile
def settings = new File(target, 'it-settings/settings.xml')
def repository = new File(target, 'local-repo')
def freePort = { -> def socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()); def p = socket.localPort; socket.close(); p }
int port = freePort()
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
def runLog = new File(project, 'run.log')
def maven = new ProcessBuilder(mvn, '-B', '-ntp', '-s', settings.path, "-Dmaven.repo.local=${repository.path}", '-DskipTests',
    'framegate:run', "-Dframegate.port=$port")
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
  long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180)
  while (socket == null) {
    assert maven.isAlive() : "framegate:run ended early:\n${runLog.text}"
    try {
      socket = client.newWebSocketBuilder().buildAsync(uri, listener).get(5, TimeUnit.SECONDS)
    } catch (Exception notYet) {
      assert System.nanoTime() < deadline : "the runtime did not accept connections on $uri:\n${runLog.text}"
      Thread.sleep(500)
    }
  }
  socket.sendText('hello', true).get(5, TimeUnit.SECONDS)
  assert received.poll(10, TimeUnit.SECONDS) == '> hello' : "the prefix plugin did not act:\n${runLog.text}"
  socket.sendText('again', true).get(5, TimeUnit.SECONDS)
  assert received.poll(10, TimeUnit.SECONDS) == '> again'
  socket.sendClose(1000, 'bye').get(5, TimeUnit.SECONDS)
} finally {
  maven.destroy()
  assert maven.waitFor(60, TimeUnit.SECONDS) : "framegate:run did not stop on SIGTERM:\n${runLog.text}"
}
def log2 = runLog.text
assert log2.contains('Starting the Framegate runtime: ws://127.0.0.1:' + port + '/ -> builtin:echo through [prefix]')
assert log2.contains('framegate: stopped') : "the runtime did not stop cleanly:\n$log2"
// the runtime stopped with Maven: nothing listens on the port any more
def refused = false
try {
  new Socket('127.0.0.1', port).close()
} catch (IOException expected) {
  refused = true
}
assert refused : "the runtime still listens on $port after framegate:run stopped"
return true
