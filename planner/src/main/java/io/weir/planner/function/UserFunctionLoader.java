package io.weir.planner.function;

import io.weir.executor.codegen.UserCode;
import io.weir.executor.plan.FunctionJar;
import io.weir.parser.ddl.SqlCreateFunction;
import io.weir.planner.catalog.CatalogStore;
import io.weir.planner.catalog.FunctionDefinition;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlCharStringLiteral;

/**
 * Turns {@code CREATE FUNCTION} into a {@link FunctionDefinition}: reads the jars through the catalog
 * store, loads the class in a throw-away class loader, and maps each public non-static {@code eval}
 * method's Java types to SQL types as Flink's type extraction does for these classes.
 */
public final class UserFunctionLoader {
    private static final DataType DECIMAL = DataType.decimal(38, 18);
    private static final Map<String, DataType> TYPES = Map.ofEntries(
            Map.entry("java.lang.String", DataType.of(TypeKind.STRING)),
            Map.entry("boolean", DataType.of(TypeKind.BOOLEAN)), Map.entry("java.lang.Boolean", DataType.of(TypeKind.BOOLEAN)),
            Map.entry("byte", DataType.of(TypeKind.TINYINT)), Map.entry("java.lang.Byte", DataType.of(TypeKind.TINYINT)),
            Map.entry("short", DataType.of(TypeKind.SMALLINT)), Map.entry("java.lang.Short", DataType.of(TypeKind.SMALLINT)),
            Map.entry("int", DataType.of(TypeKind.INT)), Map.entry("java.lang.Integer", DataType.of(TypeKind.INT)),
            Map.entry("long", DataType.of(TypeKind.BIGINT)), Map.entry("java.lang.Long", DataType.of(TypeKind.BIGINT)),
            Map.entry("float", DataType.of(TypeKind.FLOAT)), Map.entry("java.lang.Float", DataType.of(TypeKind.FLOAT)),
            Map.entry("double", DataType.of(TypeKind.DOUBLE)), Map.entry("java.lang.Double", DataType.of(TypeKind.DOUBLE)),
            Map.entry("java.math.BigDecimal", DECIMAL),
            Map.entry("java.time.LocalDateTime", DataType.timestamp(3)),
            Map.entry("java.time.Instant", DataType.of(TypeKind.TIMESTAMP_LTZ).withPrecision(3, 0)),
            Map.entry("java.time.LocalDate", DataType.of(TypeKind.DATE)),
            Map.entry("java.time.LocalTime", DataType.of(TypeKind.TIME)),
            Map.entry("[B", DataType.of(TypeKind.BYTES)));

    private UserFunctionLoader() {
    }

    /** Reads and inspects the function {@code create} defines; {@code ddl} is its unparsed text. */
    public static FunctionDefinition load(SqlCreateFunction create, CatalogStore store, String name, String ddl) {
        if (!create.language().equals("JAVA")) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Function '" + name + "': LANGUAGE "
                    + create.language() + " is not supported; Weir runs functions written in JAVA");
        }
        List<FunctionJar> jars = new ArrayList<>();
        for (SqlCharStringLiteral literal : create.jars()) {
            jars.add(readJar(store, literal.getValueAs(String.class), name));
        }
        try (UserCode code = UserCode.open(jars)) {
            Class<?> type;
            try {
                type = Class.forName(create.className(), false, code.classLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new WeirException(ErrorCode.UNDEFINED_OBJECT, "Function '" + name + "': class '"
                        + create.className() + "' is not in " + (jars.isEmpty() ? "the server's class path"
                        : jars.stream().map(FunctionJar::uri).toList()) + " (" + e + ")");
            }
            return new FunctionDefinition(name, create.className(), jars, overloads(type, name), create.temporary(), ddl);
        }
    }

    private static List<FunctionDefinition.Overload> overloads(Class<?> type, String name) {
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw new WeirException(ErrorCode.INVALID_STATEMENT, "Function '" + name + "': class '" + type.getName()
                    + "' must be public and not abstract");
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new WeirException(ErrorCode.INVALID_STATEMENT, "Function '" + name + "': class '" + type.getName()
                    + "' needs a public constructor without parameters");
        }
        List<FunctionDefinition.Overload> overloads = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (!method.getName().equals("eval") || Modifier.isStatic(method.getModifiers()) || method.isVarArgs()) {
                continue;
            }
            List<String> classes = new ArrayList<>();
            List<DataType> types = new ArrayList<>();
            for (Class<?> parameter : method.getParameterTypes()) {
                classes.add(parameter.getName());
                types.add(sqlType(parameter, name, method));
            }
            overloads.add(new FunctionDefinition.Overload(classes, types, method.getReturnType().getName(),
                    sqlType(method.getReturnType(), name, method)));
        }
        if (overloads.isEmpty()) {
            throw new WeirException(ErrorCode.INVALID_STATEMENT, "Function '" + name + "': class '" + type.getName()
                    + "' has no public non-static eval method");
        }
        return overloads;
    }

    private static DataType sqlType(Class<?> javaType, String name, Method method) {
        DataType type = TYPES.get(javaType.getName());
        if (type == null) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Function '" + name + "': " + method
                    + " uses " + javaType.getName() + ", which has no SQL type; supported are "
                    + TYPES.keySet().stream().sorted().toList());
        }
        return type.withNullable(true);
    }

    private static FunctionJar readJar(CatalogStore store, String uri, String name) {
        if (uri.contains(":") && !uri.startsWith("file:")) {
            throw new WeirException(ErrorCode.FEATURE_NOT_SUPPORTED, "Function '" + name + "': jar '" + uri
                    + "' is not a local file; USING JAR takes file: URIs or paths");
        }
        try {
            byte[] bytes = store.readJar(uri);
            return new FunctionJar(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), uri,
                    bytes);
        } catch (IOException | IllegalArgumentException e) {
            throw new WeirException(ErrorCode.UNDEFINED_OBJECT, "Function '" + name + "': cannot read jar '" + uri
                    + "': " + e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
