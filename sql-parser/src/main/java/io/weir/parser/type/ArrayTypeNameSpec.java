package io.weir.parser.type;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/** {@code ARRAY<T>}, where the element type may be {@code NOT NULL}. */
public final class ArrayTypeNameSpec extends SqlTypeNameSpec {
    private final SqlDataTypeSpec elementType;

    /** Creates a spec; the nullability of {@code elementType} is that of the elements. */
    public ArrayTypeNameSpec(SqlDataTypeSpec elementType, SqlParserPos pos) {
        super(new SqlIdentifier("ARRAY", pos), pos);
        this.elementType = requireNonNull(elementType, "elementType is null");
    }

    /** Returns the element type, with its nullability. */
    public SqlDataTypeSpec elementType() {
        return elementType;
    }

    @Override
    public RelDataType deriveType(SqlValidator validator) {
        return validator.getTypeFactory()
                .createArrayType(NestedTypes.derive(validator, elementType), -1);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ARRAY");
        NestedTypes.openAngle(writer);
        NestedTypes.unparse(writer, elementType);
        NestedTypes.closeAngle(writer);
    }

    @Override
    public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
        if (!(spec instanceof ArrayTypeNameSpec that) || !NestedTypes.equal(elementType, that.elementType)) {
            return litmus.fail("{} != {}", this, spec);
        }
        return litmus.succeed();
    }
}
