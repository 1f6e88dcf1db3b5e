package dev.hotpatch.example;

/** The deployed service: greets whoever calls. */
public class Greeter {
    public String greet(String name) {
        return "Hello, " + name + "!";
    }

    public static void main(String[] args) {
        System.out.println(new Greeter().greet(args.length > 0 ? args[0] : " world "));
    }
}
