# JVM options the waymark launchers put before JAVA_OPTS (sourced by them; POSIX sh), so JAVA_OPTS can override each.

# waymark_jvm_options: sets jvm_options.
waymark_jvm_options() {
  jvm_options=
  # JIT compiler threads. Below 8 CPUs the JVM starts 2 or 3 (one C1, one or two C2). Under load a lone C2 thread gets
  # about one share of the cores among 16 busy request threads, so compiling the hot code of Drools, H2, Jetty and the
  # engine (about 5,000 methods) takes minutes; meanwhile the tiered policy raises the C2 thresholds with its queue,
  # and the hottest methods run in profiled C1 code for one to two minutes. Three C2 threads (started only while the
  # queue is long) finish it within the first minutes. docs/performance.md, "The JIT at steady state (2026-11-25)".
  cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
  if [ "$cpus" -lt 8 ]; then
    jvm_options=-XX:CICompilerCount=4
  fi
}
