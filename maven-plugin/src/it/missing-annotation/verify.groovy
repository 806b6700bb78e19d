def log = new File(basedir, 'build.log').text
assert log.contains('com.example.RateLimitPlugin: implements FramePlugin but is not annotated @FramegatePlugin') : 'build.log lacks: com.example.RateLimitPlugin: implements FramePlugin but is not annotated @FramegatePlugin'
assert log.contains('Fix: annotate it with @FramegatePlugin(name = "rate-limit")') : 'build.log lacks: Fix: annotate it with @FramegatePlugin(name = "rate-limit")'
assert !new File(basedir, 'target/missing-annotation-1.0.0.jar').exists()
return true
