// A required configuration field that the development configuration leaves out fails validate (in
// `./mvnw verify`, as in the lifecycle framegate:run forks), naming the POM, not a generated gateway.yaml.
def log = new File(basedir, 'build.log').text
def pom = new File(basedir, 'pom.xml').path
def expected = "com.example.RateLimitPlugin: its development configuration ($pom: framegate-maven-plugin has no <pluginConfigs><rate-limit>) does not bind: field 'limit': is required (Integer)"
assert log.contains(expected) : "build.log lacks: $expected"
assert log.contains("Fix: in $pom, give framegate-maven-plugin a <configuration><pluginConfigs><rate-limit>{...}</rate-limit></pluginConfigs></configuration>")
assert !log.contains('gateway.yaml')
assert !new File(basedir, 'target/required-config-1.0.0.jar').exists()
return true
