// Runs a compiled Kotlin script: `kotlinc main.kts -d classes` makes a class Main whose constructor is the
// script's body and which has no main method for `java` to call. An exception the script throws comes out as the
// JVM reports an uncaught one (`Exception in thread "main" ...` with the script's frames, exit status 1).
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

public final class RunScript {
    public static void main(String[] args) throws Throwable {
        Class<?> script = Class.forName(args[0]);
        try {
            script.getConstructor(String[].class).newInstance((Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
