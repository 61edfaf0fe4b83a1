package io.weir.parser.type;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/**
 * {@code ROW<name type, ...>}, also written {@code ROW(name type, ...)}; fields are nullable
 * unless marked {@code NOT NULL}. Unparses in the angle-bracket form.
 */
public final class RowTypeNameSpec extends SqlTypeNameSpec {
    private final List<SqlIdentifier> fieldNames;
    private final List<SqlDataTypeSpec> fieldTypes;

    /** Creates a spec; both lists have one entry per field, in order. */
    public RowTypeNameSpec(List<SqlIdentifier> fieldNames, List<SqlDataTypeSpec> fieldTypes, SqlParserPos pos) {
        super(new SqlIdentifier("ROW", pos), pos);
        this.fieldNames = List.copyOf(requireNonNull(fieldNames, "fieldNames is null"));
        this.fieldTypes = List.copyOf(requireNonNull(fieldTypes, "fieldTypes is null"));
        if (this.fieldNames.size() != this.fieldTypes.size()) {
            throw new IllegalArgumentException("fieldNames and fieldTypes differ in size");
        }
    }

    /** Returns the field names, in order. */
    public List<SqlIdentifier> fieldNames() {
        return fieldNames;
    }

    /** Returns the field types with their nullability, in order. */
    public List<SqlDataTypeSpec> fieldTypes() {
        return fieldTypes;
    }

    @Override
    public RelDataType deriveType(SqlValidator validator) {
        List<RelDataType> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fieldNames.size(); i++) {
            names.add(fieldNames.get(i).getSimple());
            types.add(NestedTypes.derive(validator, fieldTypes.get(i)));
        }
        return validator.getTypeFactory().createStructType(types, names);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ROW");
        NestedTypes.openAngle(writer);
        for (int i = 0; i < fieldNames.size(); i++) {
            if (i > 0) {
                writer.print(",");
            }
            fieldNames.get(i).unparse(writer, 0, 0);
            NestedTypes.unparse(writer, fieldTypes.get(i));
        }
        NestedTypes.closeAngle(writer);
    }

    @Override
    public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
        if (!(spec instanceof RowTypeNameSpec that) || fieldNames.size() != that.fieldNames.size()) {
            return litmus.fail("{} != {}", this, spec);
        }
        for (int i = 0; i < fieldNames.size(); i++) {
            if (!fieldNames.get(i).equalsDeep(that.fieldNames.get(i), litmus)
                    || !NestedTypes.equal(fieldTypes.get(i), that.fieldTypes.get(i))) {
                return litmus.fail("{} != {}", this, spec);
            }
        }
        return litmus.succeed();
    }
}
