package io.weir.parser.type;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/** Helpers shared by the composite type specs for element and field types. */
final class NestedTypes {
    private NestedTypes() {
    }

    /** Whether the spec is nullable: anything but an explicit {@code NOT NULL}. */
    static boolean isNullable(SqlDataTypeSpec spec) {
        return !Boolean.FALSE.equals(spec.getNullable());
    }

    /** Derives the element or field type with its own nullability. */
    static RelDataType derive(SqlValidator validator, SqlDataTypeSpec spec) {
        return spec.deriveType(validator, isNullable(spec));
    }

    /** Writes the type, followed by {@code NOT NULL} if it is not nullable. */
    static void unparse(SqlWriter writer, SqlDataTypeSpec spec) {
        spec.unparse(writer, 0, 0);
        if (!isNullable(spec)) {
            writer.keyword("NOT NULL");
        }
    }

    /** Writes the {@code <} after a composite type name, with no space on either side. */
    static void openAngle(SqlWriter writer) {
        writer.setNeedWhitespace(false);
        writer.print("<");
        writer.setNeedWhitespace(false);
    }

    /** Writes the closing {@code >} of a composite type, with no space before it. */
    static void closeAngle(SqlWriter writer) {
        writer.setNeedWhitespace(false);
        writer.print(">");
        writer.setNeedWhitespace(true);
    }

    /** Whether two nested specs are equal, including their nullability. */
    static boolean equal(SqlDataTypeSpec a, SqlDataTypeSpec b) {
        return a.equalsDeep(b, Litmus.IGNORE) && isNullable(a) == isNullable(b);
    }
}
