/**
 * The Framegate engine: the one transport-free implementation of every frame rule. Transports (the
 * runtime, the test harness) feed it raw frames and carry out what it emits.
 */
module dev.framegate.engine {
  requires transitive dev.framegate.api;
  requires java.logging;

  exports dev.framegate.engine;
}
