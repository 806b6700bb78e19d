def log = new File(basedir, 'build.log').text
assert log.contains('com.example.RateLimitPlugin: its config type com.example.RateLimitPlugin$Settings is not a record') : 'build.log lacks: com.example.RateLimitPlugin: its config type com.example.RateLimitPlugin$Settings is not a record'
assert log.contains('Fix: declare the configuration as `public record Settings(...)`') : 'build.log lacks: Fix: declare the configuration as `public record Settings(...)`'
assert !new File(basedir, 'target/config-not-record-1.0.0.jar').exists()
return true
