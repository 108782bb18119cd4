package graphkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Neo4j Community, embedded, with the Bolt connector on 127.0.0.1 (port 0 = a free one) and
 * authentication on. Sets the password of user {@code neo4j} through the system database (what
 * {@code neo4j-admin dbms set-initial-password} does for a server), then prints
 * {@code READY <port>} on stdout and runs until killed (a shutdown hook stops the databases).
 * The password is set only when it differs from the one this launcher last set in HOME
 * ({@code data/graphkit-password}), so a warm start runs no Cypher. With the environment variable
 * {@code GK_NEO4J_EXIT_WHEN_READY} set it exits after READY (tools/neo4j/build uses that to
 * record a class-data-sharing archive, which makes later JVM start-ups seconds faster).
 * Opens whatever store HOME holds, e.g. one written by {@code neo4j-admin database import full}.
 *
 * <pre>java -cp 'lib/*:graphkit-neo4j-1.jar' graphkit.Launcher HOME PORT PASSWORD</pre>
 */
public final class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Launcher HOME PORT PASSWORD");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = args[2];
        Files.createDirectories(home.resolve("conf"));
        Path conf = home.resolve("conf/neo4j.conf");
        if (!Files.exists(conf)) {
            Files.writeString(conf, "dbms.usage_report.enabled=false\n"); // never phone home
        }
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(conf)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(10))
                // a test server: no 2 x 5 s wait for Bolt connections / workers on shutdown
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(200))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(200))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));
        GraphDatabaseAPI system = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        // The first Cypher statement of a JVM costs seconds (planner classes, cold JIT): skip the
        // ALTER USER when this home already has this password (a warm start of tools/neo4j/start).
        Path marker = home.resolve("data/graphkit-password");
        if (!Files.exists(marker) || !Files.readString(marker).equals(password)) {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            Files.writeString(marker, password);
        }
        if (!dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(120_000)) {
            System.err.println("Launcher: database neo4j did not become available");
            System.exit(1);
        }
        int bound = system.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
        System.out.println("READY " + bound);
        System.out.flush();
        if (System.getenv("GK_NEO4J_EXIT_WHEN_READY") != null) { // build-time run that records the CDS archive
            dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("MATCH (n) RETURN count(n)");
            System.exit(0);
        }
        Thread.currentThread().join();
    }
}
