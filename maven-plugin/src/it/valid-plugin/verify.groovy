import java.util.jar.JarFile

def jar = new File(basedir, 'target/valid-plugin-1.0.0.jar')
assert jar.isFile() : "no plugin JAR at $jar"
def log = new File(basedir, 'build.log').text
assert log.contains('Framegate plugin "counting" (com.example.CountingPlugin, priority 5')
assert log.contains('Tests run: 1, Failures: 0')

new JarFile(jar).withCloseable { file ->
  def names = file.entries().collect { it.name }
  assert names.contains('META-INF/framegate/plugin.properties')
  assert names.contains('com/example/CountingPlugin.class')
  assert names.contains('com/example/CountingPlugin$Config.class')
  assert names.any { it.startsWith('META-INF/framegate/lib/HdrHistogram-') && it.endsWith('.jar') } : "HdrHistogram not bundled: $names"
  assert !names.any { it.contains('framegate-sdk-api') } : "the PDK must not be bundled: $names"
  assert !names.any { it.contains('junit') || it.contains('test-harness') } : "test dependencies bundled: $names"
  def props = new Properties()
  file.getInputStream(file.getEntry('META-INF/framegate/plugin.properties')).withCloseable { props.load(it) }
  assert props['plugin.id'] == 'com.example.it:valid-plugin'
  assert props['plugin.version'] == '1.0.0'
  assert props['pdk.version'] ==~ /\d+\.\d+/
  assert props['plugin.classes'] == 'com.example.CountingPlugin'
  assert props['plugin.description'] == 'Counts messages'
}
return true
