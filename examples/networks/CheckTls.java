/*
 * Fetches an https URL with Java's own TLS checks, as OpenMetadata's server fetches Keycloak's
 * discovery document and keys. Run it where OpenMetadata runs, with the same Java options, to see
 * whether that Java trusts Keycloak's certificate. Exit code 0 only when it does and the URL
 * answers with success.
 *
 * Prerequisites: Java 11 or newer, with its compiler (a JDK): Java compiles this file as it starts.
 * Run from the examples folder: java networks/CheckTls.java \
 *        https://keycloak.example.com/realms/openmetadata/.well-known/openid-configuration
 * With a truststore: java -Djavax.net.ssl.trustStore=openmetadata-truststore.p12 \
 *        -Djavax.net.ssl.trustStorePassword=changeit networks/CheckTls.java <url>
 */
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

public class CheckTls {
  public static void main(String[] args) throws InterruptedException {
    String example = "https://keycloak.example.com/realms/openmetadata";
    if (args.length != 1) stop(2, "Give the URL to fetch, e.g. " + example);
    URI url;
    try {
      url = URI.create(args[0]);
    } catch (IllegalArgumentException error) {
      url = null;
    }
    if (url == null || !"https".equals(url.getScheme()) || url.getHost() == null) {
      stop(2, args[0] + ": this checks TLS; give the https URL, e.g. " + example);
    }
    String where = url.getHost() + ":" + (url.getPort() == -1 ? 443 : url.getPort());
    String reach = "check the URL, and that this machine can reach it.";
    Duration limit = Duration.ofSeconds(10);
    HttpClient client = HttpClient.newBuilder().connectTimeout(limit).build();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(limit).build();
    try {
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      String answered = "HTTP " + status + " from " + url + ": this Java trusts the certificate";
      if (status < 200 || status > 299) stop(1, answered + ", but the URL is wrong: check it.");
      System.out.println(answered + ".");
    } catch (SSLHandshakeException error) {
      System.err.println(error.getMessage());
      stop(1, "This Java does not trust the certificate: "
          + "give it a truststore with your certificate authority.");
    } catch (HttpTimeoutException error) {
      stop(1, "No answer from " + where + " within 10 seconds: " + reach);
    } catch (ConnectException error) {
      // The HTTP client reports an unknown host as a ConnectException, with an
      // UnresolvedAddressException among its causes.
      boolean unknown = false;
      for (Throwable cause = error; cause != null; cause = cause.getCause()) {
        unknown |= cause instanceof UnresolvedAddressException;
      }
      stop(1, (unknown ? "Unknown host " : "Cannot connect to ") + where + ": " + reach);
    } catch (UnknownHostException error) {
      stop(1, "Unknown host " + where + ": " + reach);
    } catch (IOException error) {
      stop(1, "Cannot fetch from " + where + " (" + error + "): " + reach);
    }
  }

  private static void stop(int code, String line) {
    System.err.println(line);
    System.exit(code);
  }
}
