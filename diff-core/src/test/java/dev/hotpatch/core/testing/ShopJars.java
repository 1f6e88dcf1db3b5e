package dev.hotpatch.core.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Spring-Boot-like fat jar of a small shop, compiled from the sources below: application classes
 * in {@code BOOT-INF/classes}, a library jar {@code BOOT-INF/lib/pricing-1.0.jar} stored inside it,
 * an {@code application.properties} and a {@code git.properties} that changes on every build.
 */
public final class ShopJars {
    public static final String PRICES = "BOOT-INF/classes/com/acme/shop/Prices.class";
    public static final String CART = "BOOT-INF/classes/com/acme/shop/Cart.class";
    public static final String DISCOUNTS = "BOOT-INF/lib/pricing-1.0.jar!/com/acme/pricing/Discounts.class";

    static final String PRICES_DEPLOYED = """
            package com.acme.shop;

            public class Prices {
                private final int ratePercent;

                public Prices(int ratePercent) {
                    this.ratePercent = ratePercent;
                }

                public int price(int cents) {
                    return cents * ratePercent / 100;
                }

                public String label(int cents) {
                    return "EUR " + price(cents) / 100 + "." + price(cents) % 100;
                }
            }
            """;

    /** The one-method fix: prices round half up instead of down. */
    static final String PRICES_FIXED = PRICES_DEPLOYED.replace("return cents * ratePercent / 100;",
            "return (cents * ratePercent + 50) / 100;");

    static final String CART_DEPLOYED = """
            package com.acme.shop;

            import java.util.ArrayList;
            import java.util.List;

            public class Cart {
                private final List<Integer> items = new ArrayList<>();
                private final Prices prices = new Prices(119);

                public void add(int cents) {
                    items.add(cents);
                }

                public int total() {
                    int sum = 0;
                    for (int cents : items) {
                        sum += prices.price(cents);
                    }
                    return sum;
                }
            }
            """;

    /** A change that needs a restart: a new method, with a lambda javac compiles into one more. */
    static final String CART_WITH_NEW_METHOD = CART_DEPLOYED.replace("""
                public int total() {""", """
                public long count(int atLeast) {
                    return items.stream().filter(cents -> cents >= atLeast).count();
                }

                public int total() {""");

    static final String DISCOUNTS_DEPLOYED = """
            package com.acme.pricing;

            public final class Discounts {
                private Discounts() {
                }

                public static int apply(int cents, int percent) {
                    if (percent <= 0) {
                        return cents;
                    }
                    return cents - cents * percent / 100;
                }

                public static boolean valid(int percent) {
                    return percent >= 0 && percent <= 100;
                }
            }
            """;

    /** A body change in the library: discounts are capped at 50 percent. */
    static final String DISCOUNTS_FIXED = DISCOUNTS_DEPLOYED.replace("""
                    return cents - cents * percent / 100;""", """
                    int capped = Math.min(percent, 50);
                    return cents - cents * capped / 100;""");

    static final String TAX = """
            package com.acme.pricing;

            public final class Tax {
                public static final int STANDARD = 19;
            }
            """;

    private ShopJars() {
    }

    /** The build that runs in production. */
    public static TestArchives.ZipBuilder deployed() {
        return shop(PRICES_DEPLOYED, CART_DEPLOYED, pricing(DISCOUNTS_DEPLOYED, false), "abc123", "shop.currency=EUR\n");
    }

    /** The branch with a one-method fix in {@code Prices.price}; only git.properties differs besides. */
    public static TestArchives.ZipBuilder oneMethodFix() {
        return shop(PRICES_FIXED, CART_DEPLOYED, pricing(DISCOUNTS_DEPLOYED, false), "def456", "shop.currency=EUR\n");
    }

    /**
     * A branch with changes of every kind: the price fix, a new method in Cart (restart), a changed
     * method and an added class in the library, a changed and a removed resource, an added library.
     */
    public static TestArchives.ZipBuilder manyChanges() {
        return shop(PRICES_FIXED, CART_WITH_NEW_METHOD, pricing(DISCOUNTS_FIXED, true), "def456",
                "shop.currency=EUR\nshop.rounding=HALF_UP\n")
                .remove("BOOT-INF/classes/static/banner.txt")
                .stored("BOOT-INF/lib/audit-1.0.jar", TestArchives.zip()
                        .add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
                        .add("com/acme/audit/Audit.class", JavaSources.compile("com.acme.audit.Audit",
                                "package com.acme.audit; public class Audit { }").get("com/acme/audit/Audit.class"))
                        .bytes());
    }

    private static TestArchives.ZipBuilder shop(String prices, String cart, byte[] pricingJar, String commit,
            String properties) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("com.acme.shop.Prices", prices);
        sources.put("com.acme.shop.Cart", cart);
        Map<String, byte[]> classes = JavaSources.compile(sources);
        TestArchives.ZipBuilder jar = TestArchives.zip()
                .add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nBuild-Jdk-Spec: 17\n"
                        + "Main-Class: org.springframework.boot.loader.launch.JarLauncher\n"
                        + "Start-Class: com.acme.shop.ShopApplication\n");
        classes.forEach((name, bytes) -> jar.add("BOOT-INF/classes/" + name, bytes));
        return jar.add("BOOT-INF/classes/application.properties", properties)
                .add("BOOT-INF/classes/git.properties", "git.commit.id=" + commit + "\n")
                .add("BOOT-INF/classes/static/banner.txt", "ACME shop\n")
                .stored("BOOT-INF/lib/pricing-1.0.jar", pricingJar);
    }

    private static byte[] pricing(String discounts, boolean withTax) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("com.acme.pricing.Discounts", discounts);
        if (withTax) {
            sources.put("com.acme.pricing.Tax", TAX);
        }
        TestArchives.ZipBuilder jar = TestArchives.zip().add("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n");
        JavaSources.compile(sources).forEach(jar::add);
        return jar.bytes();
    }
}
