package io.weir.connector.filesystem;

import io.weir.spi.batch.BatchBuilder;
import io.weir.spi.batch.BatchValues;
import io.weir.spi.type.Field;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads the rows of one Parquet file, row group by row group, through Parquet's record assembly
 * with {@link ParquetConverters}: the table's file columns are matched to the file's columns by
 * name (a column the file lacks reads as NULL) and only those are read. Runs on one thread.
 */
final class ParquetDecoder extends RecordDecoder {
    private final ParquetFileReader reader;
    private final MessageType projection;
    private final ParquetConverters.RowConverter root;
    private final RecordMaterializer<Object[]> materializer;
    private RecordReader<Object[]> records;
    private long remaining;

    ParquetDecoder(FileSystemConfig config, FileSplit split, InputFile input) throws IOException {
        super(config, split);
        this.reader = ParquetFileReader.open(input, ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
        try {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<Type> read = new ArrayList<>();
            List<Field> fields = new ArrayList<>();
            for (Field field : fileSchema.fields()) {
                int index = ParquetConverters.RowConverter.fieldIndex(schema, field.name());
                if (index >= 0) {
                    read.add(schema.getType(index));
                }
                fields.add(field);
            }
            this.projection = new MessageType(schema.getName(), read);
            reader.setRequestedSchema(projection);
            this.root = new ParquetConverters.RowConverter(file, null, fields, projection, null);
            this.materializer = new RecordMaterializer<>() {
                @Override
                public Object[] getCurrentRecord() {
                    return root.values();
                }

                @Override
                public GroupConverter getRootConverter() {
                    return root;
                }
            };
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    protected boolean decode(BatchBuilder out, int row) throws IOException {
        while (remaining == 0) {
            PageReadStore pages = reader.readNextRowGroup();
            if (pages == null) {
                return false;
            }
            remaining = pages.getRowCount();
            records = new ColumnIOFactory().getColumnIO(projection).getRecordReader(pages, materializer);
        }
        Object[] values = records.read();
        remaining--;
        for (int i = 0; i < values.length; i++) {
            BatchValues.set(out.vector(fileColumns[i]), row, values[i]);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
