package dev.hotpatch.example;

/** The branch build: the deployed service with a one-line fix: greets whoever calls. */
public class Greeter {
    public String greet(String name) {
        return "Hello, " + name.strip() + "!"; // the fix: no stray spaces
    }

    /** {@code java -jar greeter.jar [name]} greets once; {@code --serve PORT} answers {@code /?name=...} until stopped. */
    public static void main(String[] args) throws java.io.IOException {
        if (args.length == 2 && args[0].equals("--serve")) {
            var server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])), 0);
            server.createContext("/", exchange -> {
                String query = exchange.getRequestURI().getQuery();
                String name = query != null && query.startsWith("name=") ? query.substring(5) : " world ";
                byte[] body = (new Greeter().greet(name) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return;
        }
        System.out.println(new Greeter().greet(args.length > 0 ? args[0] : " world "));
    }
}
