/*
 * Fetches an https URL with Java's own TLS checks, as OpenMetadata's server fetches Keycloak's
 * discovery document and keys. Run it where OpenMetadata runs, with the same Java options, to see
 * whether that Java trusts Keycloak's certificate.
 *
 * Run: java CheckTls.java https://keycloak.example.com/realms/openmetadata/.well-known/openid-configuration
 * With a truststore: java -Djavax.net.ssl.trustStore=openmetadata-truststore.p12 \
 *        -Djavax.net.ssl.trustStorePassword=changeit CheckTls.java <url>
 */
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLHandshakeException;

public class CheckTls {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("Give the URL to fetch, e.g. https://keycloak.example.com/realms/openmetadata/.well-known/openid-configuration");
      System.exit(2);
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(args[0])).build();
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      System.out.println("HTTP " + response.statusCode() + " from " + args[0] + ": this Java trusts the certificate.");
    } catch (SSLHandshakeException error) {
      System.err.println(error.getMessage());
      System.err.println("This Java does not trust the certificate: give it a truststore with your certificate authority.");
      System.exit(1);
    }
  }
}
