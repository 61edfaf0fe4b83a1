package io.weir.server.http;

import io.weir.executor.VertexMetrics;
import io.weir.executor.WorkerInfo;
import io.weir.server.job.JobInfo;
import io.weir.server.job.JobManager;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /metrics}: the cluster's and the jobs' counters in Prometheus' text exposition format
 * (version 0.0.4): workers and their slots, jobs by status, and per job the rows written and the
 * late rows dropped.
 */
final class PrometheusMetrics {
    private PrometheusMetrics() {
    }

    static String render(JobManager jobs) {
        StringBuilder out = new StringBuilder();
        header(out, "weir_workers", "gauge", "Workers registered with the coordinator.");
        out.append("weir_workers ").append(jobs.workers().size()).append('\n');
        header(out, "weir_worker_slots", "gauge", "Task slots of a worker, by state (free or total).");
        for (WorkerInfo worker : jobs.workers()) {
            out.append("weir_worker_slots{worker=\"").append(escape(worker.id())).append("\",state=\"free\"} ")
                    .append(worker.slotsFree()).append('\n');
            out.append("weir_worker_slots{worker=\"").append(escape(worker.id())).append("\",state=\"total\"} ")
                    .append(worker.slotsTotal()).append('\n');
        }
        perWorker(out, jobs, "weir_worker_data_sent_bytes_total", "counter", "Bytes of batches a worker sent to other workers.",
                w -> w.load().dataBytesSent());
        perWorker(out, jobs, "weir_worker_data_sent_rows_total", "counter", "Rows a worker sent to other workers.",
                w -> w.load().dataRowsSent());
        perWorker(out, jobs, "weir_worker_arrow_bytes", "gauge", "Arrow memory a worker's subtasks hold now.",
                w -> w.load().arrowBytes());
        perWorker(out, jobs, "weir_worker_heap_bytes", "gauge", "JVM heap a worker uses now.", w -> w.load().heapBytes());
        Map<String, Integer> byStatus = new TreeMap<>();
        for (String status : new String[] {"RUNNING", "FINISHED", "FAILED", "CANCELED"}) {
            byStatus.put(status, 0);
        }
        for (JobInfo job : jobs.jobs()) {
            byStatus.merge(job.status().name(), 1, Integer::sum);
        }
        header(out, "weir_jobs", "gauge", "Jobs the coordinator knows, by status.");
        byStatus.forEach((status, count) -> out.append("weir_jobs{status=\"").append(status).append("\"} ")
                .append(count).append('\n'));
        header(out, "weir_job_rows_written_total", "counter", "Rows the job's sinks received.");
        for (JobInfo job : jobs.jobs()) {
            out.append("weir_job_rows_written_total{job=\"").append(job.id()).append("\",name=\"").append(escape(job.name()))
                    .append("\"} ").append(job.handle().rowsWritten()).append('\n');
        }
        header(out, "weir_job_late_rows_dropped_total", "counter", "Rows window operators dropped as late.");
        for (JobInfo job : jobs.jobs()) {
            long late = job.handle().metrics().values().stream().mapToLong(VertexMetrics::lateRowsDropped).sum();
            out.append("weir_job_late_rows_dropped_total{job=\"").append(job.id()).append("\"} ").append(late).append('\n');
        }
        return out.toString();
    }

    private static void perWorker(StringBuilder out, JobManager jobs, String name, String type, String help,
            java.util.function.ToLongFunction<WorkerInfo> value) {
        header(out, name, type, help);
        for (WorkerInfo worker : jobs.workers()) {
            out.append(name).append("{worker=\"").append(escape(worker.id())).append("\"} ")
                    .append(value.applyAsLong(worker)).append('\n');
        }
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
