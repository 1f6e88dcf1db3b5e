package shop;

public class Greeter {
    public String greet() {
        return "Hello";
    }
}
