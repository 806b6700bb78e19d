package dev.framegate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
}
