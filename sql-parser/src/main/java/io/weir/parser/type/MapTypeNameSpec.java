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

/** {@code MAP<K, V>}, where key and value types may be {@code NOT NULL}. */
public final class MapTypeNameSpec extends SqlTypeNameSpec {
    private final SqlDataTypeSpec keyType;
    private final SqlDataTypeSpec valueType;

    /** Creates a spec; the nullability of each type spec is that of the keys or values. */
    public MapTypeNameSpec(SqlDataTypeSpec keyType, SqlDataTypeSpec valueType, SqlParserPos pos) {
        super(new SqlIdentifier("MAP", pos), pos);
        this.keyType = requireNonNull(keyType, "keyType is null");
        this.valueType = requireNonNull(valueType, "valueType is null");
    }

    /** Returns the key type, with its nullability. */
    public SqlDataTypeSpec keyType() {
        return keyType;
    }

    /** Returns the value type, with its nullability. */
    public SqlDataTypeSpec valueType() {
        return valueType;
    }

    @Override
    public RelDataType deriveType(SqlValidator validator) {
        return validator.getTypeFactory().createMapType(
                NestedTypes.derive(validator, keyType), NestedTypes.derive(validator, valueType));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("MAP");
        NestedTypes.openAngle(writer);
        NestedTypes.unparse(writer, keyType);
        writer.print(",");
        NestedTypes.unparse(writer, valueType);
        NestedTypes.closeAngle(writer);
    }

    @Override
    public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
        if (!(spec instanceof MapTypeNameSpec that)
                || !NestedTypes.equal(keyType, that.keyType)
                || !NestedTypes.equal(valueType, that.valueType)) {
            return litmus.fail("{} != {}", this, spec);
        }
        return litmus.succeed();
    }
}
