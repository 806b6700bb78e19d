import java.util.jar.JarFile

def main = new File(basedir, 'src/main/java/com/example/ws')
assert new File(main, 'RateLimitPlugin.java').text.contains('public void onHandshake(WsContext ws, RateLimitConfig config)')
assert new File(main, 'RateLimitConfig.java').text.contains('public record RateLimitConfig(')
assert new File(basedir, 'src/test/java/com/example/ws/RateLimitPluginTest.java').isFile()

def log = new File(basedir, 'build.log').text
assert log.contains('Framegate plugin "rate-limit" (com.example.ws.RateLimitPlugin, priority 1000')
assert log.contains('Tests run: 1, Failures: 0, Errors: 0')

new JarFile(new File(basedir, 'target/scaffold-1.0.0.jar')).withCloseable { jar ->
  def props = new Properties()
  jar.getInputStream(jar.getEntry('META-INF/framegate/plugin.properties')).withCloseable { props.load(it) }
  assert props['plugin.classes'] == 'com.example.ws.RateLimitPlugin'
  assert jar.getEntry('com/example/ws/RateLimitConfig.class') != null
}
return true
