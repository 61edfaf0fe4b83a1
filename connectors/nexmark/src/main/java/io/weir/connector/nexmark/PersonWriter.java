package io.weir.connector.nexmark;

import static java.util.Objects.requireNonNull;

import io.weir.spi.batch.BatchBuilder;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Generates people as the published {@code PersonGenerator}: ids in creation order from 1000; a
 * name from 11 first and 9 last names; a random e-mail address; a credit card number of four
 * groups of four digits; one of 10 cities and 6 states (few, so that queries find matches);
 * {@code extra} fills to person.avg-size bytes. Writes each event straight into the vectors.
 */
final class PersonWriter implements EventWriter {
    private final NexmarkConfig config;
    private final int[] fields;
    private final EventRandom random = new EventRandom();
    private final byte[] name = new byte[32];
    private final byte[] email = new byte[32];
    private final byte[] creditCard = new byte[19];
    private BatchBuilder out;
    private int rows;

    PersonWriter(NexmarkConfig config, int[] fields) {
        this.config = requireNonNull(config, "config is null");
        this.fields = fields.clone();
    }

    @Override
    public void begin(BatchBuilder batch) {
        this.out = requireNonNull(batch, "batch is null");
        this.rows = 0;
    }

    @Override
    public void add(long eventId) {
        random.reset(eventId);
        long id = config.lastPersonId(eventId) + NexmarkConfig.FIRST_PERSON_ID;
        int nameLength = name();
        int emailLength = email();
        creditCard();
        byte[] city = TextPool.US_CITIES[random.nextInt(TextPool.US_CITIES.length)];
        byte[] state = TextPool.US_STATES[random.nextInt(TextPool.US_STATES.length)];
        int size = 8 + nameLength + emailLength + creditCard.length + city.length + state.length;
        int extraLength = TextPool.extraLength(random, size, config.sizes().avgPersonSize());
        int extraOffset = TextPool.extraOffset(random, extraLength);
        long dateTime = config.timestampFor(eventId);

        int row = out.rowCount() + rows++;
        for (int column = 0; column < fields.length; column++) {
            switch (fields[column]) {
                case 0 -> ((BigIntVector) out.vector(column)).setSafe(row, id);
                case 1 -> ((VarCharVector) out.vector(column)).setSafe(row, name, 0, nameLength);
                case 2 -> ((VarCharVector) out.vector(column)).setSafe(row, email, 0, emailLength);
                case 3 -> ((VarCharVector) out.vector(column)).setSafe(row, creditCard, 0, creditCard.length);
                case 4 -> ((VarCharVector) out.vector(column)).setSafe(row, city, 0, city.length);
                case 5 -> ((VarCharVector) out.vector(column)).setSafe(row, state, 0, state.length);
                case 6 -> ((TimeStampVector) out.vector(column)).setSafe(row, dateTime);
                case 7 -> ((VarCharVector) out.vector(column)).setSafe(row, TextPool.extraPool(), extraOffset,
                        extraLength);
                default -> throw new IllegalStateException("no person field " + fields[column]);
            }
        }
    }

    /** "First Last" into {@link #name}; returns its length. */
    private int name() {
        byte[] first = TextPool.FIRST_NAMES[random.nextInt(TextPool.FIRST_NAMES.length)];
        byte[] last = TextPool.LAST_NAMES[random.nextInt(TextPool.LAST_NAMES.length)];
        System.arraycopy(first, 0, name, 0, first.length);
        name[first.length] = ' ';
        System.arraycopy(last, 0, name, first.length + 1, last.length);
        return first.length + 1 + last.length;
    }

    /** "user@host.com" with random letters into {@link #email}; returns its length. */
    private int email() {
        int length = TextPool.randomString(random, 7, (byte) ' ', email, 0);
        email[length++] = '@';
        length += TextPool.randomString(random, 5, (byte) ' ', email, length);
        email[length++] = '.';
        email[length++] = 'c';
        email[length++] = 'o';
        email[length++] = 'm';
        return length;
    }

    /** "dddd dddd dddd dddd" into {@link #creditCard}. */
    private void creditCard() {
        for (int group = 0; group < 4; group++) {
            int value = random.nextInt(10_000);
            int start = group * 5;
            if (group > 0) {
                creditCard[start - 1] = ' ';
            }
            for (int digit = 3; digit >= 0; digit--) {
                creditCard[start + digit] = (byte) ('0' + value % 10);
                value /= 10;
            }
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public void finish() {
        out.commitRows(rows);
        out = null;
    }
}
