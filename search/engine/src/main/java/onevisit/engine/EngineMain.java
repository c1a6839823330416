package onevisit.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.Version;
import org.opensearch.cluster.health.ClusterHealthStatus;
import org.opensearch.common.settings.Settings;

/**
 * Starts one local OpenSearch node for OneVisit development and tests: on its own,
 * or as one member of a small local cluster (one JVM per node, see engine.sh cluster).
 *
 * <p>Everything binds to 127.0.0.1, no plugin that talks to the network is loaded.
 * Without seed hosts discovery is single-node. Options (argument wins over environment):
 *
 * <pre>
 *   --port N                OPENSEARCH_PORT              HTTP port (default 9201)
 *   --transport-port P      OPENSEARCH_TRANSPORT_PORT    transport port or range (default 9300-9400)
 *   --home DIR              OPENSEARCH_HOME_DIR          base dir; the node lives in DIR/node_1 (default ./var)
 *   --cluster-name NAME     OPENSEARCH_CLUSTER_NAME      (default onevisit)
 *   --node-name NAME        OPENSEARCH_NODE_NAME         (default onevisit-local)
 *   --seed-hosts H,H        OPENSEARCH_SEED_HOSTS        host:transport-port of the cluster's nodes
 *   --initial-managers N,N  OPENSEARCH_INITIAL_MANAGERS  node names that bootstrap a new cluster
 * </pre>
 *
 * Prints a line starting with {@code ONEVISIT_OPENSEARCH_READY} once the
 * cluster is at least yellow, and closes the node on SIGTERM/SIGINT.
 */
public final class EngineMain {

    public static final String READY_MARKER = "ONEVISIT_OPENSEARCH_READY";

    private static volatile boolean shuttingDown;

    private EngineMain() {
    }

    public static void main(final String[] args) throws Exception {
        String port = env("OPENSEARCH_PORT", "9201");
        String transportPort = env("OPENSEARCH_TRANSPORT_PORT", "9300-9400");
        String home = env("OPENSEARCH_HOME_DIR", "var");
        String clusterName = env("OPENSEARCH_CLUSTER_NAME", "onevisit");
        String nodeName = env("OPENSEARCH_NODE_NAME", "onevisit-local");
        String seedHosts = env("OPENSEARCH_SEED_HOSTS", "");
        String initialManagers = env("OPENSEARCH_INITIAL_MANAGERS", "");

        for (int i = 0; i < args.length; i++) {
            final String a = args[i];
            if ("-h".equals(a) || "--help".equals(a)) {
                System.out.println("usage: EngineMain [--port N] [--transport-port P] [--home DIR] [--cluster-name NAME]"
                        + " [--node-name NAME] [--seed-hosts H,H] [--initial-managers N,N]");
                return;
            }
            if (i + 1 >= args.length) {
                die("missing value for " + a);
            }
            final String v = args[++i];
            switch (a) {
            case "--port":
                port = v;
                break;
            case "--transport-port":
                transportPort = v;
                break;
            case "--home":
                home = v;
                break;
            case "--cluster-name":
                clusterName = v;
                break;
            case "--node-name":
                nodeName = v;
                break;
            case "--seed-hosts":
                seedHosts = v;
                break;
            case "--initial-managers":
                initialManagers = v;
                break;
            default:
                die("unknown option " + a);
            }
        }
        final int httpPort;
        try {
            httpPort = Integer.parseInt(port);
        } catch (final NumberFormatException e) {
            die("port is not a number: " + port);
            return;
        }

        final Path basePath = Paths.get(home).toAbsolutePath().normalize();
        Files.createDirectories(basePath);

        final OpenSearchRunner runner = new OpenSearchRunner();
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            shuttingDown = true;
            System.out.println("ONEVISIT_OPENSEARCH_STOPPING");
            try {
                if (!runner.isClosed()) {
                    runner.close();
                }
            } catch (final IOException | RuntimeException e) {
                System.err.println("error while closing the node: " + e);
            }
            System.out.println("ONEVISIT_OPENSEARCH_STOPPED");
            System.out.flush();
            stopped.countDown();
        }, "onevisit-engine-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        final String tport = transportPort;
        final String name = nodeName;
        final boolean clustered = !seedHosts.isBlank();
        final String[] seeds = seedHosts.split(",");
        final String[] managers = initialManagers.isBlank() ? seeds : initialManagers.split(",");
        runner.onBuild((index, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort));
            settings.put("transport.port", tport);
            if (clustered) {
                settings.putList("discovery.seed_hosts", seeds);
                // Read only when the cluster forms for the first time; a restarted node
                // rejoins from what its data directory remembers.
                settings.putList("cluster.initial_cluster_manager_nodes", managers);
            } else {
                settings.put("discovery.type", "single-node");
            }
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
            settings.put("node.name", name);
            // A dev box with a nearly full disk must not flip indices read-only.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
            settings.put("bootstrap.memory_lock", "false");
            settings.put("action.destructive_requires_name", "false");
        });

        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(basePath.toString())
                    .numOfNode(1)
                    .clusterName(clusterName)
                    .printOnFailure());
        } catch (final RuntimeException e) {
            System.err.println("ONEVISIT_OPENSEARCH_FAILED " + e);
            e.printStackTrace();
            // The shutdown hook closes whatever was started.
            System.exit(1);
        }

        final ClusterHealthStatus status;
        if (clustered) {
            status = awaitCluster(runner);
        } else {
            runner.ensureYellow();
            defaultToNoReplicas(runner);
            status = runner.ensureYellow();
        }
        System.out.println(READY_MARKER + " http://127.0.0.1:" + httpPort + " node=" + name + " cluster=" + clusterName
                + " opensearch=" + Version.CURRENT + " status=" + status + " home=" + basePath);
        System.out.flush();

        // Stay up until the node is closed (shutdown hook) or dies on its own.
        while (!stopped.await(2, TimeUnit.SECONDS)) {
            // Never System.exit() from here while the hook runs: that would block forever.
            if (!shuttingDown && runner.isClosed()) {
                System.err.println("node closed unexpectedly");
                System.exit(1);
            }
        }
    }

    /**
     * One node cannot hold replicas, so new indices would stay yellow. OpenSearch 2.x
     * reads cluster.default_number_of_replicas from the cluster metadata only (a node
     * setting is ignored), so it is set as a persistent cluster setting unless the
     * user already chose a value. An explicit index.number_of_replicas still wins.
     */
    private static void defaultToNoReplicas(final OpenSearchRunner runner) {
        final String key = "cluster.default_number_of_replicas";
        final Settings persistent = runner.client().admin().cluster().prepareState().clear().setMetadata(true)
                .get().getState().metadata().persistentSettings();
        if (persistent.get(key) == null) {
            runner.client().admin().cluster().prepareUpdateSettings()
                    .setPersistentSettings(Settings.builder().put(key, 0)).get();
        }
    }

    /**
     * A cluster member is ready once a cluster manager has been elected and the cluster is
     * at least yellow; until its peers are up the health request fails, so it is repeated.
     */
    private static ClusterHealthStatus awaitCluster(final OpenSearchRunner runner) throws InterruptedException {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 60 && !shuttingDown; attempt++) {
            try {
                final ClusterHealthStatus status = runner.ensureYellow();
                if (status != ClusterHealthStatus.RED) {
                    return status;
                }
            } catch (final RuntimeException e) {
                last = e;
            }
            Thread.sleep(2000);
        }
        throw last == null ? new IllegalStateException("shutting down") : last;
    }

    private static String env(final String name, final String dflt) {
        final String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    private static void die(final String msg) {
        System.err.println("EngineMain: " + msg);
        System.exit(2);
    }
}
