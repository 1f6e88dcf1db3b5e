package dev.hotpatch.example;

/** The branch build: the deployed service with a one-line fix: greets whoever calls. */
public class Greeter {
    public String greet(String name) {
        return "Hello, " + name.strip() + "!"; // the fix: no stray spaces
    }

    public static void main(String[] args) {
        System.out.println(new Greeter().greet(args.length > 0 ? args[0] : " world "));
    }
}
