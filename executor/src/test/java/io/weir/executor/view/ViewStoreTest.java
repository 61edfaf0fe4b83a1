package io.weir.executor.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewStoreTest {
    private static ViewStore.Change insert(Object... row) {
        return new ViewStore.Change(List.of(row), true);
    }

    private static ViewStore.Change delete(Object... row) {
        return new ViewStore.Change(List.of(row), false);
    }

    @Test
    void appliesAChangelogAsAMultisetAndIgnoresUnknownRetractions() {
        ViewStore store = new ViewStore("v");
        store.apply(List.of(insert(1L, "a"), insert(1L, "a"), insert(2L, "b"), delete(1L, "a"), delete(9L, "z")));
        assertThat(store.snapshot()).extracting(row -> List.of(row)).containsExactlyInAnyOrder(
                List.of(1L, "a"), List.of(2L, "b"));
    }

    @Test
    void lookupsUseAnIndexThatFollowsLaterChanges() {
        ViewStore store = new ViewStore("v");
        store.apply(List.of(insert(1L, "a"), insert(2L, "b")));
        assertThat(store.lookup(0, 2L)).extracting(row -> List.of(row)).containsExactly(List.of(2L, "b"));
        store.apply(List.of(delete(2L, "b"), insert(2L, "c"), insert(3L, "c")));
        assertThat(store.lookup(0, 2L)).extracting(row -> List.of(row)).containsExactly(List.of(2L, "c"));
        assertThat(store.lookup(1, "c")).hasSize(2);
        assertThat(store.lookup(0, 7L)).isEmpty();
        store.clear();
        assertThat(store.lookup(0, 1L)).isEmpty();
    }

    @Test
    void aSubscriberGetsTheRowsThenEveryChangeInOrder() {
        ViewStore store = new ViewStore("v");
        store.apply(List.of(insert(1L)));
        List<String> seen = new ArrayList<>();
        Runnable stop = store.subscribe(change -> seen.add((change.insert() ? "+" : "-") + change.row().get(0)));
        store.apply(List.of(delete(1L), insert(2L)));
        stop.run();
        store.apply(List.of(insert(3L)));
        assertThat(seen).containsExactly("+1", "-1", "+2");
    }
}
