package io.weir.executor.codegen;

import io.weir.executor.plan.Expr;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.RowType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a Calc's condition and projections into a {@link CalcProgram} class with Janino. Classes are
 * cached by their generated source (which spells out every expression with its types), so running the
 * same query again does not compile again. Thread-safe.
 */
public final class CalcCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(CalcCompiler.class);
    private static final int CACHE_SIZE = 256;
    static final String CLASS_NAME = "io.weir.executor.codegen.GeneratedCalc";

    // @GuardedBy("CACHE")
    private static final Map<String, Class<? extends CalcProgram>> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Class<? extends CalcProgram>> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private CalcCompiler() {
    }

    /** The compiled class for these expressions; instantiate one per subtask with {@link #instantiate}. */
    public static Class<? extends CalcProgram> compile(RowType inputType, List<Expr> projections, Expr condition,
            RowType outputType) {
        String source = new ExprCodeGenerator(inputType).generateClass(projections, condition, outputType);
        if (callsUserFunctions(projections, condition)) {
            // bound to the fragment's function class loader, which closes with the fragment: never cached
            UserCode userCode = UserCode.current();
            if (userCode == null) {
                throw new WeirException(ErrorCode.INTERNAL_ERROR,
                        "internal error: an expression calls a user-defined function outside a job");
            }
            return cook(source, userCode.classLoader());
        }
        synchronized (CACHE) {
            Class<? extends CalcProgram> cached = CACHE.get(source);
            if (cached != null) {
                return cached;
            }
        }
        LOG.debug("Compiling calc:\n{}", source);
        Class<? extends CalcProgram> compiled = cook(source, CalcCompiler.class.getClassLoader());
        synchronized (CACHE) {
            CACHE.put(source, compiled);
        }
        return compiled;
    }

    public static CalcProgram instantiate(Class<? extends CalcProgram> programClass) {
        try {
            return programClass.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new WeirException(ErrorCode.INTERNAL_ERROR, "internal error: cannot instantiate compiled calc", e);
        }
    }

    static int cachedClasses() {
        synchronized (CACHE) {
            return CACHE.size();
        }
    }

    private static boolean callsUserFunctions(List<Expr> projections, Expr condition) {
        return projections.stream().anyMatch(CalcCompiler::callsUserFunction)
                || (condition != null && callsUserFunction(condition));
    }

    private static boolean callsUserFunction(Expr expr) {
        if (expr instanceof Expr.UserCall) {
            return true;
        }
        return expr instanceof Expr.Call call && call.operands().stream().anyMatch(CalcCompiler::callsUserFunction);
    }

    private static Class<? extends CalcProgram> cook(String source, ClassLoader parent) {
        SimpleCompiler compiler = new SimpleCompiler();
        compiler.setParentClassLoader(parent);
        try {
            compiler.cook(source);
            return compiler.getClassLoader().loadClass(CLASS_NAME).asSubclass(CalcProgram.class);
        } catch (CompileException | ClassNotFoundException e) {
            LOG.warn("Generated calc does not compile: {}\n{}", e.getMessage(), source);
            throw new WeirException(ErrorCode.INTERNAL_ERROR,
                    "internal error: generated expression code does not compile: " + e.getMessage(), e);
        }
    }
}
