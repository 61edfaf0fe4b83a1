package io.weir.planner;

import io.weir.planner.calcite.CatalogSchema;
import io.weir.planner.catalog.Catalog;
import io.weir.planner.type.TypeConverter;
import io.weir.spi.type.DataType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Validates a query or INSERT that may hold dynamic parameters and reports the parameters' types,
 * as Calcite infers them from their context, and the result columns. Used for the Parse and
 * Describe messages of the PostgreSQL extended protocol. One call per statement; the node is
 * changed by validation, so callers pass a fresh parse.
 */
final class StatementDescriber {
    private StatementDescriber() {
    }

    static StatementDescription describe(Catalog catalog, SqlNode node) {
        QueryConverter converter = new QueryConverter(catalog);
        boolean insert = node instanceof SqlInsert;
        if (node instanceof SqlInsert statement) {
            // as Planner.planInsert does: only physical columns are written
            SqlIdentifier target = (SqlIdentifier) statement.getTargetTable();
            String table = target.names.get(target.names.size() - 1);
            if (catalog.table(table).isPresent()) {
                statement.setOperand(1, new SqlIdentifier(List.of(CatalogSchema.PHYSICAL_NAME, table),
                        target.getParserPosition()));
            }
        }
        SqlValidator validator = converter.newValidator();
        SqlNode validated = validator.validate(node);
        Map<Integer, DataType> types = new HashMap<>();
        ParameterBinder.forEachParameter(validated, parameter -> types.putIfAbsent(parameter.getIndex(),
                TypeConverter.toDataType(validator.getValidatedNodeType(parameter))));
        return new StatementDescription(types, insert ? Optional.empty()
                : Optional.of(TypeConverter.toRowType(validator.getValidatedNodeType(validated))));
    }
}
