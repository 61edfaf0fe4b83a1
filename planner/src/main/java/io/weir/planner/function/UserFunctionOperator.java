package io.weir.planner.function;

import static java.util.Objects.requireNonNull;

import io.weir.planner.catalog.FunctionDefinition;
import io.weir.planner.type.TypeConverter;
import io.weir.spi.error.WeirException;
import io.weir.spi.type.DataType;
import io.weir.spi.type.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;

/**
 * A user-defined scalar function as Calcite's validator sees it. The overload is chosen by the operand
 * types ({@link #resolve}): an {@code eval} whose parameters have exactly the operands' SQL types
 * first, then one each operand can be cast to without loss of kind (a number to a number, CHAR to
 * STRING, NULL to anything); the translator casts the operands to the chosen parameters' types.
 */
public final class UserFunctionOperator extends SqlFunction {
    private final FunctionDefinition definition;

    public UserFunctionOperator(FunctionDefinition definition) {
        super(definition.name().toUpperCase(java.util.Locale.ROOT), SqlKind.OTHER_FUNCTION,
                binding -> returnType(definition, binding), null, new Checker(definition),
                SqlFunctionCategory.USER_DEFINED_FUNCTION);
        this.definition = requireNonNull(definition, "definition is null");
    }

    public FunctionDefinition definition() {
        return definition;
    }

    @Override
    public boolean isDeterministic() {
        // Flink assumes determinism by default too; it only matters for constant folding, which runs on
        // built-ins here
        return true;
    }

    /** The overload for operands of these types, if any. */
    public static Optional<FunctionDefinition.Overload> resolve(FunctionDefinition definition, List<DataType> operands) {
        for (boolean exact : new boolean[] {true, false}) {
            for (FunctionDefinition.Overload overload : definition.overloads()) {
                if (matches(overload, operands, exact)) {
                    return Optional.of(overload);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matches(FunctionDefinition.Overload overload, List<DataType> operands, boolean exact) {
        if (overload.parameterTypes().size() != operands.size()) {
            return false;
        }
        for (int i = 0; i < operands.size(); i++) {
            TypeKind from = operands.get(i).kind();
            TypeKind to = overload.parameterTypes().get(i).kind();
            boolean same = from == to || (from.isCharacter() && to.isCharacter());
            boolean castable = from == TypeKind.NULL || (from.isNumeric() && to.isNumeric());
            if (!(same || (!exact && castable))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<FunctionDefinition.Overload> resolve(FunctionDefinition definition,
            SqlOperatorBinding binding) {
        List<DataType> types = new ArrayList<>();
        for (RelDataType type : binding.collectOperandTypes()) {
            try {
                types.add(TypeConverter.toDataType(type));
            } catch (WeirException e) {
                return Optional.empty();
            }
        }
        return resolve(definition, types);
    }

    private static RelDataType returnType(FunctionDefinition definition, SqlOperatorBinding binding) {
        FunctionDefinition.Overload overload = resolve(definition, binding).orElseThrow(() ->
                new IllegalStateException("no eval of " + definition.name() + " for these operands"));
        return binding.getTypeFactory().createTypeWithNullability(
                TypeConverter.toRelDataType(binding.getTypeFactory(), overload.returnType()), true);
    }

    private record Checker(FunctionDefinition definition) implements SqlOperandTypeChecker {
        @Override
        public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
            if (resolve(definition, binding).isPresent()) {
                return true;
            }
            if (throwOnFailure) {
                throw binding.newValidationSignatureError();
            }
            return false;
        }

        @Override
        public SqlOperandCountRange getOperandCountRange() {
            int min = definition.overloads().stream().mapToInt(o -> o.parameterTypes().size()).min().orElse(0);
            int max = definition.overloads().stream().mapToInt(o -> o.parameterTypes().size()).max().orElse(0);
            return SqlOperandCountRanges.between(min, max);
        }

        @Override
        public String getAllowedSignatures(SqlOperator operator, String opName) {
            return definition.overloads().stream().map(o -> opName + o.parameterTypes().stream()
                    .map(t -> t.withNullable(true).toString()).collect(Collectors.joining(", ", "(", ")")))
                    .collect(Collectors.joining(", "));
        }
    }
}
