package io.weir.planner.catalog;

import static java.util.Objects.requireNonNull;

import io.weir.executor.plan.FunctionJar;
import io.weir.spi.type.DataType;
import java.util.List;

/**
 * A user-defined scalar function: a class with public non-static {@code eval} methods, its jars read
 * when it was created (or restored), and one {@link Overload} per {@code eval}.
 *
 * @param temporary created with {@code CREATE TEMPORARY FUNCTION}: not stored, gone after a restart
 * @param ddl the statement that creates it again
 */
public record FunctionDefinition(String name, String className, List<FunctionJar> jars, List<Overload> overloads,
        boolean temporary, String ddl) {
    public FunctionDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(className, "className is null");
        jars = List.copyOf(requireNonNull(jars, "jars is null"));
        overloads = List.copyOf(requireNonNull(overloads, "overloads is null"));
        requireNonNull(ddl, "ddl is null");
    }

    /** One {@code eval} method: Java class names ({@link Class#getName()}) and the SQL types they map to. */
    public record Overload(List<String> parameterClasses, List<DataType> parameterTypes, String returnClass,
            DataType returnType) {
        public Overload {
            parameterClasses = List.copyOf(parameterClasses);
            parameterTypes = List.copyOf(parameterTypes);
            requireNonNull(returnClass, "returnClass is null");
            requireNonNull(returnType, "returnType is null");
        }
    }
}
