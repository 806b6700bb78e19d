def log = new File(basedir, 'build.log').text
assert log.contains('com.example.RateLimitPlugin: its plugin name "Rate_Limit" is not well-formed') : 'build.log lacks: com.example.RateLimitPlugin: its plugin name "Rate_Limit" is not well-formed'
assert log.contains('Fix: use lower-case letters, digits and dashes, starting with a letter, at most 64 characters, for example "rate-limit"') : 'build.log lacks: Fix: use lower-case letters, digits and dashes, starting with a letter, at most 64 characters, for example "rate-limit"'
assert !new File(basedir, 'target/bad-name-1.0.0.jar').exists()
return true
