package io.weir.executor.plan;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;

/**
 * One overload of a user-defined scalar function: the public non-static {@code eval} method of
 * {@code className} with these parameter classes, loaded from the job's function jars.
 *
 * @param parameterClasses Java class names as {@link Class#getName()} spells them ({@code long},
 *     {@code java.lang.String}, ...)
 * @param jarIds the ids of the {@link FunctionJar}s of the job graph that hold the class (empty when
 *     it is on the executor's class path)
 */
public record UserFunction(String name, String className, List<String> parameterClasses, String returnClass,
        List<String> jarIds) implements Serializable {
    public UserFunction {
        requireNonNull(name, "name is null");
        requireNonNull(className, "className is null");
        parameterClasses = List.copyOf(requireNonNull(parameterClasses, "parameterClasses is null"));
        requireNonNull(returnClass, "returnClass is null");
        jarIds = List.copyOf(requireNonNull(jarIds, "jarIds is null"));
    }
}
