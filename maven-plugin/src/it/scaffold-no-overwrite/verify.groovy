def log = new File(basedir, 'build.log').text
assert log.contains("Cannot scaffold plugin 'rate-limit': 1 file exists and would be overwritten")
assert log.contains('RateLimitPlugin.java')
assert new File(basedir, 'src/main/java/com/example/ws/RateLimitPlugin.java').text.contains('// written by hand')
assert !new File(basedir, 'src/main/java/com/example/ws/RateLimitConfig.java').exists()
assert !new File(basedir, 'src/test/java/com/example/ws/RateLimitPluginTest.java').exists()
return true
