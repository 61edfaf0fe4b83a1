package io.weir.server.http;

import io.weir.executor.VertexMetrics;
import io.weir.executor.WatermarkInfo;
import io.weir.executor.cluster.FragmentMetrics;
import io.weir.executor.cluster.JobMaster;
import io.weir.executor.plan.Vertex;
import io.weir.server.cluster.ScheduledJob;
import io.weir.server.job.JobInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detail {@code GET /jobs/<id>} adds while a job runs (or just ended): every vertex with its
 * parallelism, rows in and out, and where each of its subtasks runs; per worker the time its
 * producers spent handing batches downstream (back-pressure); and the subtasks' watermarks.
 */
final class JobDetail {
    private JobDetail() {
    }

    static Map<String, Object> of(JobInfo job) {
        Map<String, Object> detail = new LinkedHashMap<>();
        if (!(job.handle() instanceof ScheduledJob scheduled) || scheduled.master() == null) {
            if (job.handle() instanceof ScheduledJob waiting && waiting.waitingFor() != null) {
                detail.put("waiting-for", waiting.waitingFor());
            }
            return detail;
        }
        JobMaster master = scheduled.master();
        Map<Integer, VertexMetrics> metrics = master.metrics();
        Map<String, String> workerOfTask = master.placement().workerOfTask();
        List<Object> vertices = new ArrayList<>();
        for (Vertex vertex : master.graph().vertices()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", vertex.id());
            entry.put("name", vertex.name());
            entry.put("parallelism", vertex.parallelism());
            VertexMetrics m = metrics.getOrDefault(vertex.id(), new VertexMetrics(0, 0));
            entry.put("rows-in", m.rowsIn());
            entry.put("rows-out", m.rowsOut());
            entry.put("late-rows-dropped", m.lateRowsDropped());
            vertices.add(entry);
        }
        detail.put("execution", master.executionId());
        detail.put("vertices", vertices);
        List<Object> subtasks = new ArrayList<>();
        workerOfTask.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> subtasks.add(Map.of("subtask", e.getKey(), "worker", e.getValue())));
        detail.put("subtasks", subtasks);
        Map<String, Object> backPressure = new LinkedHashMap<>();
        for (Map.Entry<String, FragmentMetrics> fragment : master.fragmentMetrics().entrySet()) {
            backPressure.put(fragment.getKey(), fragment.getValue().backPressuredMillis());
        }
        detail.put("send-blocked-ms-by-worker", backPressure);
        List<Object> watermarks = new ArrayList<>();
        for (WatermarkInfo w : master.watermarks()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("vertex", w.vertex());
            entry.put("subtask", w.subtask());
            entry.put("watermark", w.watermark());
            entry.put("status", w.status());
            watermarks.add(entry);
        }
        detail.put("watermarks", watermarks);
        return detail;
    }
}
