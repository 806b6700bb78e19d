def log = new File(basedir, 'build.log').text
assert log.contains('dev.framegate:framegate-sdk-api: has scope compile, but the runtime supplies the PDK') : 'build.log lacks: dev.framegate:framegate-sdk-api: has scope compile, but the runtime supplies the PDK'
assert log.contains('Fix: declare it with <scope>provided</scope>') : 'build.log lacks: Fix: declare it with <scope>provided</scope>'
assert !new File(basedir, 'target/sdk-api-compile-scope-1.0.0.jar').exists()
return true
