// Prints the JDK's modules that the boot or the platform class loader defines: the runtime modules that a
// Temurin JRE is made of (the JDK's tools are defined to the application class loader).
// Run: java --add-modules ALL-SYSTEM boot-and-platform-modules.java
public class BootAndPlatformModules {
    public static void main(String[] args) {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        ModuleLayer.boot().modules().stream()
                .filter(m -> m.getClassLoader() == null || m.getClassLoader() == platform)
                .map(Module::getName)
                .sorted()
                .forEach(System.out::println);
    }
}
