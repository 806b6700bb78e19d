def log = new File(basedir, 'build.log').text
assert log.contains('com.example.RateLimitPlugin: has no public no-argument constructor') : 'build.log lacks: com.example.RateLimitPlugin: has no public no-argument constructor'
assert !new File(basedir, 'target/no-default-constructor-1.0.0.jar').exists()
return true
