package dev.framegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes manifests exercised on this machine: the image layout's entry point runs the
 * ConfigMap's configuration from a volume laid out (and updated) as the kubelet does.
 */
class KubernetesDeploymentIT {

  @TempDir
  Path directory;

  @Test
  void aConfigMapUpdateReloadsTheRuntimeForNewConnections() throws Exception {
    Path layout = ContainerProcess.layout();
    String original = Manifests.runnable(Manifests.gatewayYaml(), layout);
    KubeletVolume volume = new KubeletVolume(directory.resolve("etc-framegate"), Map.of("gateway.yaml", original));
    try (ContainerProcess runtime = ContainerProcess.start(volume.file("gateway.yaml"))) {
      try (Client client = Client.connect(runtime.uri("/chat"))) {
        client.send("{\"type\": \"hello\"}");
        assertThat(client.next(Duration.ofSeconds(10))).isEqualTo("text:{\"type\": \"hello\"}");
        client.send("{\"no-type\": true}");
        assertThat(client.next(Duration.ofSeconds(10))).as("the ConfigMap's json-schema entry").isEqualTo("close:1007");
      }

      // kubectl apply of an edited ConfigMap: a lower size limit
      volume.update(Map.of("gateway.yaml", original.replace("65536", "24")));
      runtime.awaitOutput("configuration reloaded", Duration.ofSeconds(30));

      try (Client client = Client.connect(runtime.uri("/chat"))) {
        client.send("{\"type\": \"x\"}");
        assertThat(client.next(Duration.ofSeconds(10))).isEqualTo("text:{\"type\": \"x\"}");
        client.send("{\"type\": \"now over the limit\"}");
        assertThat(client.next(Duration.ofSeconds(10))).as("the updated size-limit").isEqualTo("close:1009");
      }
      assertThat(runtime.countOutput("configuration reloaded")).isEqualTo(1);
    }
  }

  @Test
  void theDeploymentsProbesReportLiveAndReady() throws Exception {
    Path layout = ContainerProcess.layout();
    KubeletVolume volume = new KubeletVolume(directory.resolve("etc-framegate"),
        Map.of("gateway.yaml", Manifests.runnable(Manifests.gatewayYaml(), layout)));
    JsonNode container = Manifests.container();
    try (ContainerProcess runtime = ContainerProcess.start(volume.file("gateway.yaml"))) {
      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        assertThat(runtime.exec(Manifests.command(container.path(probe)), Duration.ofSeconds(10))).as(probe).isZero();
      }
    }
  }

  /**
   * Pod deletion: the preStop hook drains, then the kubelet's SIGTERM. Readiness turns false at once,
   * new upgrades are refused, open connections get 1001 once the ConfigMap's drain delay is over,
   * and the runtime exits within the pod's grace period.
   */
  @Test
  void thePreStopHookDrainsOpenConnectionsAfterTheDrainDelay() throws Exception {
    Path layout = ContainerProcess.layout();
    String config = Manifests.runnable(Manifests.gatewayYaml(), layout);
    KubeletVolume volume = new KubeletVolume(directory.resolve("etc-framegate"), Map.of("gateway.yaml", config));
    JsonNode container = Manifests.container();
    Duration drainDelay = Manifests.drainDelay(config);
    long grace = Manifests.read("deployment.yaml").path("spec").path("template").path("spec")
        .path("terminationGracePeriodSeconds").asLong();
    assertThat(Duration.ofSeconds(grace)).as("the grace period outlasts the drain delay").isGreaterThan(drainDelay.plusSeconds(10));
    try (ContainerProcess runtime = ContainerProcess.start(volume.file("gateway.yaml"));
        Client open = Client.connect(runtime.uri("/chat"))) {
      open.send("{\"type\": \"before\"}");
      assertThat(open.next(Duration.ofSeconds(10))).isEqualTo("text:{\"type\": \"before\"}");

      long started = System.nanoTime();
      assertThat(runtime.exec(Manifests.command(container.path("lifecycle").path("preStop")), Duration.ofSeconds(30)))
          .as("preStop").isZero();
      assertThat(runtime.exec(Manifests.command(container.path("readinessProbe")), Duration.ofSeconds(10)))
          .as("readiness while draining").isNotZero();
      assertThat(runtime.exec(Manifests.command(container.path("livenessProbe")), Duration.ofSeconds(10)))
          .as("liveness while draining").isZero();
      assertThat(Client.upgradeStatus(runtime.uri("/chat"))).as("a new upgrade while draining").isEqualTo(503);
      open.send("{\"type\": \"during the drain\"}");
      assertThat(open.next(Duration.ofSeconds(10))).as("open connections go on meanwhile").isEqualTo("text:{\"type\": \"during the drain\"}");

      assertThat(open.next(drainDelay.plusSeconds(20))).isEqualTo("close:1001");
      Duration closedAfter = Duration.ofNanos(System.nanoTime() - started);
      assertThat(closedAfter).as("1001 comes after the drain delay").isGreaterThanOrEqualTo(drainDelay.minusMillis(200));
      assertThat(runtime.process().waitFor(grace, TimeUnit.SECONDS)).as("the runtime exits within the grace period").isTrue();
      // a JVM stopped by SIGTERM exits with 128 + 15 once its shutdown (the drain) is done
      assertThat(runtime.process().exitValue()).isIn(0, 143);
      assertThat(runtime.output()).contains("framegate: stopped");
    }
  }
}
