package shop;

public class Main {
    public static void main(String[] args) throws Exception {
        var server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        server.createContext("/", exchange -> {
            byte[] body = (new Greeter().greet() + " pid=" + ProcessHandle.current().pid()
                    + " patch=" + System.getProperty("hotpatch.applied.version", "none")).getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
