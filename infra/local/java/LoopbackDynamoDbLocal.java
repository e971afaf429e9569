import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local as the twin and the tests run it, with two things its command line cannot say:
 * - It listens on 127.0.0.1 only. DynamoDB Local has no host option and binds Jetty to every
 *   interface, so anyone on the network could read a developer's table; the connector is given the
 *   loopback host before the server starts.
 * - It lives only as long as its owner. The owner holds this process's standard input; when the
 *   owner ends in any way, SIGKILL included, the kernel closes the pipe, the read below returns
 *   end-of-file, and the server stops. No JVM is left behind by a crashed twin or test run.
 * Arguments are DynamoDB Local's own (-inMemory, -dbPath, -port, -sharedDb).
 */
public final class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server jetty = (Server) field.get(proxy);
    for (Connector connector : jetty.getConnectors()) {
      if (connector instanceof ServerConnector) ((ServerConnector) connector).setHost("127.0.0.1");
    }
    proxy.start();
    System.out.println("ready");
    System.out.flush();
    try {
      while (System.in.read() != -1) {
        // Nothing is sent on this pipe; it only tells that the owner is still there.
      }
    } finally {
      // End of file, or a read error: either way the owner is gone, and Jetty's threads must not outlive it.
      Runtime.getRuntime().halt(0);
    }
  }
}
