package kg.neo4jserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts a real Neo4j 5.26 Community DBMS (embedded engine) with the Bolt connector on 127.0.0.1,
 * authentication enabled (user {@code neo4j}, the given password), for the kg test suite.
 *
 * <pre>
 * java -Xmx512m -jar target/neo4j-launcher.jar --home DIR [--port N] [--password PW]
 *      [--pagecache 256m] [--auth-max-failed-attempts 0] [--no-stdin-watch]
 * </pre>
 *
 * Every option may also be given as a system property ({@code -Dneo4j.launcher.port=...},
 * {@code .home}, {@code .password}, {@code .pagecache}, {@code .authMaxFailedAttempts},
 * {@code .noStdinWatch}); the password also as the environment
 * variable {@code NEO4J_LAUNCHER_PASSWORD} (keeps it out of {@code ps}). Port 0 (the default)
 * lets the OS choose a free port; the one in use is printed in the READY line.
 *
 * <p>Protocol on stdout: exactly one line {@code READY bolt://127.0.0.1:PORT} once the server
 * accepts authenticated Bolt connections. Everything else goes to stderr or to HOME/logs.
 * The process stops cleanly on SIGTERM/SIGINT and, unless {@code --no-stdin-watch}, when its
 * stdin reaches EOF (so it dies with the parent that holds the pipe).
 */
public final class Neo4jLauncher {
    private static final String PREFIX = "neo4j.launcher.";
    private static final PrintStream ERR = System.err;

    private Neo4jLauncher() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            ERR.println("neo4j-launcher: FAILED: " + t + (root != t ? " (root cause: " + root + ")" : ""));
            t.printStackTrace(ERR);
            ERR.flush();
            System.exit(1); // runs the shutdown hook, which stops a half-started DBMS
        }
    }

    private static void run(String[] args) throws Exception {
        String home = System.getProperty(PREFIX + "home");
        String port = System.getProperty(PREFIX + "port", "0");
        String password = System.getProperty(PREFIX + "password", System.getenv("NEO4J_LAUNCHER_PASSWORD"));
        String pagecache = System.getProperty(PREFIX + "pagecache", "256m");
        String maxFailedAuth = System.getProperty(PREFIX + "authMaxFailedAttempts", "0");
        boolean stdinWatch = !Boolean.getBoolean(PREFIX + "noStdinWatch");

        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--home", "--data-dir" -> home = value(args, ++i, a);
                case "--port" -> port = value(args, ++i, a);
                case "--password" -> password = value(args, ++i, a);
                case "--pagecache" -> pagecache = value(args, ++i, a);
                case "--auth-max-failed-attempts" -> maxFailedAuth = value(args, ++i, a);
                case "--no-stdin-watch" -> stdinWatch = false;
                case "-h", "--help" -> {
                    System.out.println("usage: Neo4jLauncher --home DIR [--port N] [--password PW] "
                            + "[--pagecache 256m] [--auth-max-failed-attempts 0] [--no-stdin-watch]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        if (home == null || home.isBlank()) {
            throw new IllegalArgumentException("--home DIR is required");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("a password is required (--password or NEO4J_LAUNCHER_PASSWORD)");
        }
        int boltPort = Integer.parseInt(port);
        Path homeDir = Path.of(home).toAbsolutePath();
        Files.createDirectories(homeDir);

        long t0 = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(homeDir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.auth_minimum_password_length, 1)
                // Neo4j's default (3) locks the user for 5 s after 3 wrong passwords, so even the right
                // password then fails with AuthenticationRateLimit; 0 turns the lock off for tests.
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, Integer.parseInt(maxFailedAuth))
                .setConfig(GraphDatabaseSettings.pagecache_memory, SettingValueParsers.BYTES.parse(pagecache))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                // Netty's defaults make Bolt shutdown wait 2 x 5 s; a test server need not.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .build();

        long tBuilt = System.nanoTime();
        AtomicBoolean stopped = new AtomicBoolean(false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopped.compareAndSet(false, true)) {
                ERR.println("neo4j-launcher: shutting down");
                try {
                    dbms.shutdown();
                    ERR.println("neo4j-launcher: stopped");
                } catch (Throwable t) {
                    ERR.println("neo4j-launcher: error during shutdown: " + t);
                }
                ERR.flush();
            }
        }, "neo4j-launcher-shutdown"));

        // Set the password of the built-in admin user (auth is on; a fresh DBMS has neo4j/neo4j with
        // "change required"). Embedded transactions run with full rights, so this needs no login.
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // Re-using a home dir with the same password: Neo4j refuses "old == new", which is fine.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }

        long tPassword = System.nanoTime();
        GraphDatabaseService neo4j = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!neo4j.isAvailable(TimeUnit.MINUTES.toMillis(2))) {
            throw new IllegalStateException("database 'neo4j' did not become available");
        }

        HostnamePort bolt = ((GraphDatabaseAPI) system).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        if (bolt == null) {
            throw new IllegalStateException("Bolt connector did not register a listening address");
        }
        int actualPort = bolt.getPort();
        waitForPort(actualPort, 30_000);

        ERR.printf("neo4j-launcher: Neo4j %s up in %d ms (dbms %d ms, password %d ms), home %s%n",
                org.neo4j.kernel.internal.Version.getNeo4jVersion(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
                TimeUnit.NANOSECONDS.toMillis(tBuilt - t0),
                TimeUnit.NANOSECONDS.toMillis(tPassword - tBuilt), homeDir);
        System.out.println("READY bolt://127.0.0.1:" + actualPort);
        System.out.flush();

        if (stdinWatch) {
            Thread watcher = new Thread(() -> {
                try (InputStream in = System.in) {
                    byte[] buf = new byte[256];
                    while (in.read(buf) >= 0) {
                        // ignore input; only EOF matters
                    }
                } catch (IOException ignored) {
                    // treat as EOF
                }
                ERR.println("neo4j-launcher: stdin closed");
                System.exit(0);
            }, "neo4j-launcher-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }
        // main returns; Neo4j's non-daemon threads keep the JVM alive until System.exit / a signal.
        Thread.currentThread().join(); // belt and braces: keep main parked
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static void waitForPort(int port, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Bolt port " + port + " does not accept connections", e);
                }
                Thread.sleep(100);
            }
        }
    }
}
