package io.newsline.runtime.stage;

import io.newsline.common.Closer;
import io.newsline.common.config.Settings;
import io.newsline.runtime.ops.OpsServer;

/**
 * What a process hands a stage it starts: the settings, the process's HTTP server for health checks
 * and routes (one per process, shared by every stage in it under {@code newsline local}), and the
 * closer that stops what the stage opened, in reverse order, when the process stops.
 */
public record StageContext(Settings settings, OpsServer ops, Closer closer) {}
